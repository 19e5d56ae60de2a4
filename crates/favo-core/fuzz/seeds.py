#!/usr/bin/env python3
"""Writes the seeds of the ingest fuzz targets (gitignored): every seed into seeds/<target>/,
which .ci/fuzz reads whole on every run, and those under 64 KiB into corpus/<target>/, which
libFuzzer mutates (from a multi-megabyte input it manages a few runs a second, not thousands).

The hostile files marketers' tools produce, and worse: byte-order marks, UTF-16 with and
without one, Windows-1252, an unterminated quote before megabytes of rows, ragged rows, a
100,000-column header, NUL bytes, `__proto__` headers, numbers and dates that are not, deep
JSON. Generated rather than committed because some are megabytes; deterministic, so a
crash found from a seed reproduces anywhere.

Usage: python3 seeds.py [DIR]   (default: the folder of this file)
"""

import os
import sys

# Seeds up to this size are also mutated; the libFuzzer runs use it as -max_len.
SMALL = 64 * 1024

# A plain event log, the shape the pipeline expects; many seeds are variations of it.
LOG = (
    "user_id,event,timestamp,revenue\n"
    "u1,visit,2024-03-01T10:00:00Z,0\n"
    "u1,signup,2024-03-01T10:05:00Z,0\n"
    "u1,purchase,2024-03-02T09:00:00Z,12.50\n"
    "u2,visit,2024-03-01T11:00:00Z,0\n"
    "u2,purchase,2024-03-01T11:30:00Z,7\n"
    "u3,signup,2024-03-03T08:00:00Z,\n"
)

# Italian Excel: `;`, decimal comma, day-first dates, Windows-1252 accents and euro.
ITALIAN = (
    "utente;evento;data;importo;città\n"
    "u1;visita;01/03/2024 10:00;1.234,56;Forlì\n"
    "u1;acquisto;02/03/2024 09:15;0,5;Città di Castello\n"
    "u2;visita;31/12/2023 23:59;€ 12,00;Nardò\n"
)


def rows(n):
    """`n` rows of a plain log, about 40 bytes each."""
    return "".join(f"u{i % 97},step{i % 5},2024-03-{1 + i % 28:02}T{i % 24:02}:{i % 60:02}:00Z,{i % 1000}.{i % 100:02}\n"
                   for i in range(n))


def csv_seeds():
    s = {}
    # Small, well-formed: what mutation works best from.
    s["small_comma"] = b"a,b\n1,2\n"
    s["log_utf8"] = LOG.encode()
    s["log_tsv"] = LOG.replace(",", "\t").encode()
    s["log_pipes_crlf"] = LOG.replace(",", "|").replace("\n", "\r\n").encode()
    s["log_cr_only"] = LOG.replace("\n", "\r").encode()
    s["italian_utf8"] = ITALIAN.encode()
    s["italian_decimal_commas"] = b"importo;quantita\n1.234,56;3\n0,5;4\n-1.000.000,01;5\n1,5e3;6\n"
    s["unix_seconds"] = b"user,event,timestamp\na,x,1700000000\nb,y,1700003600\n"
    s["unix_millis"] = b"user,event,ts\na,x,1700000000000\nb,y,1700003600000\n"
    s["quotes"] = b'"a""b",c\n"x\ny",z\n"",""\n"q"x,1\n'
    s["no_header"] = b"1,2,3\n4,5,6\n7,8,9\n"
    s["empty"] = b""
    s["newline"] = b"\n"
    s["only_delimiters"] = b",,,\n;;;\n\t\t\n"

    # Byte-order marks and UTF-16.
    s["bom_utf8"] = b"\xef\xbb\xbf" + LOG.encode()
    s["bom_utf8_twice"] = b"\xef\xbb\xbf\xef\xbb\xbf" + LOG.encode()
    s["bom_utf8_only"] = b"\xef\xbb\xbf"
    s["bom_utf16le"] = b"\xff\xfe" + LOG.encode("utf-16-le")
    s["bom_utf16be"] = b"\xfe\xff" + LOG.encode("utf-16-be")
    s["bom_utf16le_only"] = b"\xff\xfe"
    s["bom_utf16le_odd_length"] = b"\xff\xfe" + LOG.encode("utf-16-le") + b"\x00"
    s["utf16le_no_bom"] = LOG.encode("utf-16-le")
    s["utf16be_no_bom"] = LOG.encode("utf-16-be")
    s["utf16le_italian"] = b"\xff\xfe" + ITALIAN.replace(";", "\t").encode("utf-16-le")
    s["bom_utf32le"] = b"\xff\xfe\x00\x00" + LOG.encode("utf-32-le")

    # Windows-1252: accents, the euro at 0x80, and 0x81 (undefined in 1252).
    s["windows1252_italian"] = ITALIAN.encode("cp1252")
    s["windows1252_euro"] = b"prezzo;nome\n\x80 1.234,56;caff\xe8\n\x80 0,99;perch\xe9\n\x81\x8d\x8f\x90\x9d;\xff\n"
    s["invalid_utf8"] = b"a,b\n\xc3\x28,\xa0\xa1\n\xf0\x28\x8c\xbc,\xed\xa0\x80\n"

    # Quotes that never close.
    s["unterminated_quote_small"] = b'"abc\n1,2\n3,4\n'
    s["unterminated_quote_big"] = b'"' + rows(80_000).encode()  # about 3 MB
    s["unterminated_quote_last_field"] = b'a,b\n1,"2\n3,4\n'

    # Ragged rows: short, long, empty, one wide row at the end.
    s["ragged"] = b"a,b,c\n1\n1,2\n1,2,3,4,5\n\n1,2,3\n" + b"x," * 50 + b"x\n"

    # Wide headers: 100,000 distinct names, 100,000 empty ones, and the small cases.
    s["header_100k_columns"] = (",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n").encode()
    s["header_100k_empty"] = b"," * 99_999 + b"\n" + b"1\n"
    s["header_duplicates"] = b"a,a,a,,a (2),column 4, a \n1,2,3,4,5,6,7\n"

    # NUL bytes.
    s["nul_cells"] = b"a,b\n\x00,1\n1\x00,2\n\x00\x00\x00,\x00\n"
    s["nul_only"] = b"\x00" * 64
    s["nul_header"] = b"\x00user,ev\x00ent,time\n1,2,2024-01-01\n"

    # Headers a JavaScript object would mistake for its own.
    s["proto_headers"] = b"__proto__,constructor,prototype,toString,hasOwnProperty,__defineGetter__\n1,2,3,4,5,6\n"

    # Numbers that are not quite numbers.
    s["numbers_hostile"] = ("n\n1e309\n-1e309\nNaN\nnan\n-0\n+0\ninf\n-inf\nInfinity\n1e-400\n0x10\n1_000\n"
                            "9223372036854775807\n9223372036854775808\n-9223372036854775808\n-9223372036854775809\n"
                            "\u22121\n1.\n.5\n1e\ne5\n--1\n").encode()
    s["numbers_all_finite_but_huge"] = b"n\n1e308\n1.7976931348623157e308\n-1e308\n"
    s["numbers_thousands"] = "n\n1 234,5\n1\u00a0234,5\n1\u202f234,5\n1'234.5\n1,234,567.89\n".encode()

    # Dates that are not dates.
    s["dates_hostile"] = (b"date\n2024-02-30\n31/04/2024\n2024-02-29\n2023-02-29\n0000-01-01\n9999-12-31T23:59:59.999+14:00\n"
                          b"2024-13-01\n2024-00-10\n29/02/1900\n01/02/03\n2024-01-01T99:99\n2024-01-01T24:00:00\n")
    s["times_hostile"] = b"time\n99:99\n24:00\n23:59:60\n12:00:00.1234567\n-1:00\n"
    s["dates_ambiguous"] = b"user,event,date\na,x,01/02/2024\nb,y,03/04/2024\nc,z,12/11/2024\n"
    s["dates_offsets"] = b"user,event,timestamp\na,x,2024-01-01T00:00:00+99:99\nb,y,2024-01-01T00:00:00-23:59\n"
    return s


def json_seeds():
    s = {}
    s["rows_small"] = b'[{"a":1,"b":"x"},{"a":2}]'
    s["columns_small"] = b'{"a":[1,2],"b":["x","y"]}'
    s["log_rows"] = (b'[{"user":"u1","event":"visit","timestamp":"2024-03-01T10:00:00Z"},\n'
                     b' {"user":"u1","event":"buy","timestamp":"2024-03-01T11:00:00Z"},\n'
                     b' {"user":"u2","event":"visit","timestamp":1709287200}]')
    s["log_columns"] = b'{"user":["a","b"],"event":["x","y"],"ts":[1700000000000,1700000360000]}'
    s["empty_array"] = b"[]"
    s["empty_object"] = b"{}"
    s["scalars"] = b"[1, \"x\", null, true]"
    s["top_scalar"] = b"42"
    s["array_of_arrays"] = b"[[1,2],[3,4]]"

    s["nested_objects"] = b'[{"a":{"b":{"c":[1,2,{"d":null}]}},"e":[],"f":{}}]'
    s["columns_unequal"] = b'{"a":[1,2,3],"b":[1],"c":[]}'
    s["columns_not_arrays"] = b'{"a":1,"b":"x"}'
    s["deep_array_100k"] = b"[" * 100_000 + b"]" * 100_000
    s["deep_array_unclosed"] = b"[" * 100_000
    s["deep_in_row"] = b'[{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}]"
    s["deep_object_in_row"] = b'[{"a":' + b'{"b":' * 10_000 + b"1" + b"}" * 10_000 + b"}]"
    s["numbers_huge"] = (b'[{"n":1e309},{"n":-1e309},{"n":-0},{"n":123456789012345678901234567890},'
                         b'{"n":1.5e-400},{"n":0.1e99999999999999999999}]')
    s["numbers_nan"] = b'[{"n":NaN},{"n":Infinity}]'
    s["duplicate_keys"] = b'[{"a":1,"a":2,"b":3},{"b":4,"a":5}]'
    s["duplicate_columns"] = b'{"a":[1],"a":[2]}'
    s["strings_nul_surrogates"] = (b'[{"s":"a\\u0000b"},{"s":"\\ud800"},{"s":"\\udc00x"},{"s":"\\ud800\\u0041"},'
                                   b'{"s":"\\ud83d\\ude00"},{"\\u0000":"key"}]')
    s["raw_nul"] = b'[{"a":"\x00"}]'
    s["proto_keys"] = b'[{"__proto__":{"x":1},"constructor":1,"prototype":null}]'
    s["dates_hostile"] = b'[{"d":"2024-02-30"},{"d":"31/04/2024"},{"d":"99:99"},{"d":"2024-02-29"}]'
    s["bom_utf8"] = b"\xef\xbb\xbf" + s["log_rows"]
    s["bom_utf16le"] = b"\xff\xfe" + s["log_rows"].decode().encode("utf-16-le")
    s["utf16be_no_bom"] = s["log_rows"].decode().encode("utf-16-be")
    s["windows1252"] = '[{"città":"€ 1,50"}]'.encode("cp1252")
    s["trailing_garbage"] = b'[{"a":1}] x'
    s["many_keys"] = ("[{" + ",".join(f'"k{i}":{i}' for i in range(100_000)) + "}]").encode()
    s["many_rows"] = ("[" + ",".join(f'{{"user":"u{i % 50}","event":"e{i % 4}","time":"2024-03-{1 + i % 28:02}"}}'
                                     for i in range(20_000)) + "]").encode()
    return s


# Inputs that once broke a target: each stays as a seed, named after what it pinned.
#
# Repeated JSON column keys: `raw::unique_headers` once named the n-th repeat by trying
# "x (2)", "x (3)", … from 2 again, quadratic in the repeats (40,000 took 129 s natively).
REPEATS = 100_000
REGRESSIONS = {
    "json_repeated_column_keys": b"{" + b",".join([b'"x":[1]'] * REPEATS) + b"}",
    # The streaming reader once ended a record early when a chunk decoded to nothing (a lead
    # byte of GBK alone), and once took the sample for the whole file when they were as long.
    "stream_empty_decoded_chunk": b"\x00" * 36 + b"ua4,5\n1234,5\x1a13\x8024\xe2\xaf,\xc3\x941'2\x00345\x1a13\x8024\xe2\xaf,\xc3\x941;2341by\x00,b60\n\xc3(,\xa0\n\x00\x00\x00",
    "stream_sample_as_long_as_file": b"\x00user,ev\x00ent,time\n1,2,2024-01-01\n",
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    csv, json = csv_seeds(), json_seeds()
    # The CSV reader sees the small JSON seeds too (JSON is text with quotes and commas).
    both = {**csv, **{"json_" + k: v for k, v in json.items() if len(v) <= SMALL}, **REGRESSIONS}
    targets = {"csv_ingest": both, "json_ingest": {**json, **REGRESSIONS}, "ingest_to_funnel": both}
    for target, seeds in targets.items():
        for folder in ("seeds", "corpus"):
            os.makedirs(os.path.join(out, folder, target), exist_ok=True)
        for name, data in seeds.items():
            for folder in ("seeds", "corpus") if len(data) <= SMALL else ("seeds",):
                with open(os.path.join(out, folder, target, "seed_" + name), "wb") as f:
                    f.write(data)
    print(f"seeds: {sum(len(t) for t in targets.values())} in {out}/seeds, "
          f"{sum(len(d) <= SMALL for t in targets.values() for d in t.values())} small ones in {out}/corpus")


if __name__ == "__main__":
    main()
