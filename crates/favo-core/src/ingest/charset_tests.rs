use encoding_rs::{CoderResult, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::Lite;
use crate::test_rng::XorShift;

/// `bytes` through the lite decoder in chunks of at most `chunk` bytes into an output of
/// `room` bytes at a time: what the streaming reader does.
fn streamed(encoding: &'static Encoding, bytes: &[u8], chunk: usize, room: usize) -> (String, bool) {
    let mut d = Lite::new(encoding);
    let (mut text, mut replaced) = (String::new(), false);
    let mut out = vec![0u8; room];
    let chunks: Vec<&[u8]> = if bytes.is_empty() { vec![&[]] } else { bytes.chunks(chunk).collect() };
    for (i, piece) in chunks.iter().enumerate() {
        let last = i + 1 == chunks.len();
        let mut input = *piece;
        loop {
            let (result, read, written, bad) = d.decode_to_utf8(input, &mut out, last);
            replaced |= bad;
            text.push_str(std::str::from_utf8(&out[..written]).unwrap());
            input = &input[read..];
            if result == CoderResult::InputEmpty {
                break;
            }
        }
    }
    (text, replaced)
}

#[test]
fn windows_1252_reads_every_byte_as_encoding_rs_does() {
    let all: Vec<u8> = (0..=255).collect();
    let (reference, _) = WINDOWS_1252.decode_without_bom_handling(&all);
    let (text, replaced) = Lite::new(WINDOWS_1252).decode_all(&all);
    assert_eq!(text, reference);
    assert!(!replaced, "every byte is a character of the code page");
    assert_eq!(Lite::new(WINDOWS_1252).decode_all(b"citt\xe0 \x80 5").0, "città € 5");
}

#[test]
fn utf16_reads_as_encoding_rs_does_however_it_is_cut() {
    let mut rng = XorShift(0x5eed_cafe);
    // Units that make every case: ASCII, accents, a surrogate pair's halves alone and
    // together, and odd lengths (a byte left over).
    let units: [u16; 8] = [0x0041, 0x00E0, 0x20AC, 0xD83D, 0xDE00, 0xDBFF, 0xDC00, 0x000A];
    for encoding in [UTF_16LE, UTF_16BE] {
        for _ in 0..2000 {
            let n = rng.below(12) as usize;
            let mut bytes: Vec<u8> = (0..n)
                .flat_map(|_| {
                    let u = units[rng.below(units.len() as u64) as usize];
                    if encoding == UTF_16LE { u.to_le_bytes() } else { u.to_be_bytes() }
                })
                .collect();
            if rng.below(4) == 0 {
                bytes.push(0x41);
            }
            let (reference, ref_bad) = encoding.decode_without_bom_handling(&bytes);
            let chunk = 1 + rng.below(5) as usize;
            let room = 7 + rng.below(9) as usize;
            let (text, bad) = streamed(encoding, &bytes, chunk, room);
            assert_eq!((text.as_str(), bad), (&*reference, ref_bad), "{encoding:?} {bytes:02x?} in chunks of {chunk}, output {room}");
        }
    }
}

#[test]
fn windows_1252_streams_into_a_small_output_without_losing_a_byte() {
    let text: Vec<u8> = b"prezzo;citt\xe0\n1,5 \x80;Forl\xec\n".repeat(50);
    let (reference, _) = WINDOWS_1252.decode_without_bom_handling(&text);
    assert_eq!(streamed(WINDOWS_1252, &text, 7, 3).0, reference);
}

#[test]
fn other_encodings_are_read_as_windows_1252() {
    assert_eq!(Lite::new(encoding_rs::ISO_8859_2).decode_all(b"caf\xe9").0, "café");
}
