//! Reading a map back out of an exported picture: round trips through SVG and PNG, and
//! every way a file can be damaged, cut or not a map at all. (The drawing itself is tested
//! in `export_tests.rs`, whose helpers these share.)

use super::*;

#[test]
fn hostile_text_comes_back_unchanged_from_a_png() {
    let j = hostile_journey();
    let with_map = png::embed(&real_png().0, &format::to_json(&j, false)).unwrap();
    assert_same_map(&read_image(&with_map).unwrap().journey, &j);
}

#[test]
fn the_same_map_gives_the_same_svg_bytes_even_after_a_round_trip() {
    let j = hostile_journey();
    let first = svg::map_svg(&j, Lang::It);
    assert_eq!(first, svg::map_svg(&j, Lang::It));
    let back = read_image(first.as_bytes()).unwrap().journey;
    assert_eq!(svg::map_svg(&back, Lang::It), first);
}

#[test]
fn the_sample_maps_round_trip_through_svg_and_png() {
    let (picture, pixels) = real_png();
    for lang in [Lang::En, Lang::It] {
        let j = sample::journey(lang);
        let loaded = read_image(svg::map_svg(&j, lang).as_bytes()).unwrap();
        assert_same_map(&loaded.journey, &j);
        assert!(loaded.warnings.is_empty());
        let json = format::to_json(&j, false);
        let with_map = png::embed(&picture, &json).unwrap();
        assert_same_map(&read_image(&with_map).unwrap().journey, &j);
        // A real decoder still reads the picture, unchanged, and sees the map as iTXt.
        let (decoded, text) = decode(&with_map);
        assert_eq!(decoded, pixels);
        assert_eq!(text, [(png::KEYWORD.to_owned(), json)]);
    }
}

#[test]
fn embedding_twice_replaces_the_map() {
    let (picture, _) = real_png();
    let en = format::to_json(&sample::journey(Lang::En), false);
    let it = format::to_json(&sample::journey(Lang::It), false);
    let twice = png::embed(&png::embed(&picture, &en).unwrap(), &it).unwrap();
    assert_eq!(twice.windows(12).filter(|w| w == b"iTXtfavo-map").count(), 1);
    assert_eq!(png::extract(&twice).unwrap(), Some(it.clone()));
    assert_eq!(decode(&twice).1, [(png::KEYWORD.to_owned(), it)]);
    assert_eq!(twice.len(), png::embed(&picture, &format::to_json(&sample::journey(Lang::It), false)).unwrap().len());
}

#[test]
fn a_flipped_byte_in_the_map_chunk_is_a_checksum_error() {
    let with_map = png::embed(&real_png().0, &format::to_json(&sample::journey(Lang::En), false)).unwrap();
    let mut bad = with_map.clone();
    let inside = with_map.windows(7).position(|w| w == b"\"cells\"").unwrap();
    bad[inside + 2] ^= 0x01;
    let e = read_image(&bad).unwrap_err();
    assert_eq!(e, ImageError::Png(PngError::BadChecksum { chunk: "iTXt".into() }));
    assert_eq!(e.to_string(), "the PNG is damaged (chunk iTXt: bad checksum)");
}

#[test]
fn a_png_whose_map_is_cut_or_broken_says_where() {
    let picture = real_png().0;
    let json = format::to_json(&sample::journey(Lang::En), false);
    let cut = png::embed(&picture, &json[..json.len() / 2]).unwrap();
    let e = read_image(&cut).unwrap_err();
    assert!(matches!(e, ImageError::Damaged(LoadError::Truncated { line: 1, .. })), "{e:?}");
    assert!(e.to_string().starts_with("the map inside this image is damaged: the file ends too early (line 1, column "), "{e}");
    let broken = png::embed(&picture, "{\"format\": \"favo-map\",\n \"version\": 1 \"cells\": []}").unwrap();
    let e = read_image(&broken).unwrap_err();
    assert_eq!(e.to_string(), "the map inside this image is damaged: not a Favo map: line 2, column 15: expected `,` or `}`");
}

#[test]
fn images_without_a_map_and_other_files_are_told_apart() {
    let picture = real_png().0;
    assert_eq!(read_image(&picture), Err(ImageError::NoMap));
    assert_eq!(ImageError::NoMap.to_string(), "this image has no Favo map inside");
    let plain_svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>";
    assert_eq!(read_image(plain_svg.as_bytes()), Err(ImageError::NoMap));
    let json = format::to_json(&sample::journey(Lang::En), false);
    let mut noise = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..4096).map(|_| xorshift(&mut noise) as u8).collect();
    for other in [&random[..], json.as_bytes(), b"", b"<?xml version=\"1.0\"?><html/>", b"GIF89a"] {
        let e = read_image(other).unwrap_err();
        assert_eq!(e, ImageError::NotAnImage);
        assert_eq!(e.to_string(), "not a PNG or SVG image");
    }
    assert!(is_svg(b"\xEF\xBB\xBF \n <svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
}

#[test]
fn a_truncated_png_is_refused() {
    let with_map = png::embed(&real_png().0, &format::to_json(&sample::journey(Lang::En), false)).unwrap();
    for len in [9, 40, with_map.len() / 2, with_map.len() - 1] {
        let e = read_image(&with_map[..len]).unwrap_err();
        assert!(matches!(e, ImageError::Png(PngError::Truncated { .. })), "{len}: {e:?}");
        assert!(e.to_string().starts_with("the PNG is damaged (it ends early, at byte "), "{e}");
    }
    assert_eq!(png::embed(&with_map[..with_map.len() - 5], "{}"), Err(PngError::Truncated { at: with_map.len() - 12 }));
    assert_eq!(png::embed(b"not a png", "{}"), Err(PngError::NotPng));
}

#[test]
fn a_damaged_svg_is_refused_with_a_reason() {
    let j = sample::journey(Lang::En);
    let good = svg::map_svg(&j, Lang::En);
    let start = good.find("<metadata>").unwrap();
    let end = good.find("</metadata>").unwrap() + "</metadata>".len();
    let without = format!("{}{}", &good[..start], &good[end..]);
    assert_eq!(read_image(without.as_bytes()), Err(ImageError::NoMap));
    let cut = &good[..good.find("\"cells\"").unwrap()];
    assert_eq!(read_image(cut.as_bytes()), Err(ImageError::Svg(SvgError::Unclosed)));
    let broken = good.replacen("\"cells\":", "\"cells\" ", 1);
    let e = read_image(broken.as_bytes()).unwrap_err();
    assert!(matches!(e, ImageError::Damaged(LoadError::Syntax { line: 1, .. })), "{e:?}");
    let at = good.find("\"cells\"").unwrap();
    let entity = format!("{}&nbsp;{}", &good[..at], &good[at..]);
    let e = read_image(entity.as_bytes()).unwrap_err();
    assert_eq!(e, ImageError::Svg(SvgError::BadText { at }));
    assert_eq!(e.to_string(), format!("the SVG is damaged (unreadable text in its Favo map at byte {at})"));
}

#[test]
fn an_svg_resaved_with_cdata_or_character_references_still_opens() {
    let j = sample::journey(Lang::It);
    let good = svg::map_svg(&j, Lang::It);
    let json = format::to_json(&j, false);
    let start = good.find("<favo:map").unwrap();
    let end = good.find("</favo:map>").unwrap();
    let resaved =
        format!("{}<favo:map xmlns:favo='{}' note='a > b'><![CDATA[{}]]>{}", &good[..start], svg::NAMESPACE, &json[..20], &good[end..]);
    let resaved =
        resaved.replacen("]]></favo:map>", &format!("]]>{}</favo:map>", json[20..].replace('{', "&#123;").replace('}', "&#x7D;")), 1);
    assert_same_map(&read_image(resaved.as_bytes()).unwrap().journey, &j);
}

#[test]
fn maps_over_the_size_limit_are_refused_both_ways() {
    let huge = " ".repeat(MAX_MAP_BYTES + 1);
    let svg = format!("<svg><metadata><favo:map>{huge}</favo:map></metadata></svg>");
    assert_eq!(read_image(svg.as_bytes()), Err(ImageError::TooBig { bytes: MAX_MAP_BYTES + 1 }));
    assert_eq!(png::embed(&real_png().0, &huge), Err(PngError::TooBig { bytes: MAX_MAP_BYTES + 1 }));
}

#[test]
fn no_byte_flip_or_cut_makes_reading_panic_or_open_a_different_map() {
    let j = sample::journey(Lang::En);
    let with_map = png::embed(&real_png().0, &format::to_json(&j, false)).unwrap();
    let as_svg = svg::map_svg(&j, Lang::En).into_bytes();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for round in 0..1500 {
        let (original, is_png) = if round % 3 == 0 { (&as_svg, false) } else { (&with_map, true) };
        let mut bytes = original.clone();
        let at = xorshift(&mut seed) as usize % bytes.len();
        if round % 2 == 0 {
            bytes.truncate(at);
        } else {
            bytes[at] ^= 1 << (xorshift(&mut seed) % 8);
        }
        let result = read_image(&bytes);
        // Every chunk is checksummed, so a PNG that still opens opens the same map; an SVG
        // has no checksum, so only the absence of a panic is asserted for it.
        if let (Ok(loaded), true) = (&result, is_png) {
            assert_same_map(&loaded.journey, &j);
        }
        if is_png && round % 2 == 0 {
            assert!(result.is_err(), "a PNG cut at byte {at} opened");
        }
    }
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// A small real PNG from the `png` encoder (as a browser's `toBlob` makes one), and its pixels.
fn real_png() -> (Vec<u8>, Vec<u8>) {
    let (w, h) = (5, 3);
    let pixels: Vec<u8> = (0..w * h * 4).map(|i| (i * 37 % 251) as u8).collect();
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, w, h);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    (out, pixels)
}

/// Pixels and (keyword, text) of the iTXt chunks, as the `png` decoder reads them.
fn decode(bytes: &[u8]) -> (Vec<u8>, Vec<(String, String)>) {
    let mut reader = ::png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    reader.finish().unwrap();
    let text = reader.info().utf8_text.iter().map(|t| (t.keyword.clone(), t.get_text().unwrap())).collect();
    (buf, text)
}
