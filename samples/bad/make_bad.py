"""Build the generated bad inputs in samples/bad/: binary_image.txt, broken.warc.gz, empty.txt.

Every byte is derived deterministically (no clock, no random module), so rerunning
`.venv/bin/python samples/bad/make_bad.py` rewrites identical files.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

BAD_DIR = Path(__file__).resolve().parent
GOOD_WARC = BAD_DIR.parent / "warc" / "crawl_sample.warc.gz"

# Size of the pseudo-random "pixel data" after the PNG header, in bytes.
NOISE_BYTES = 320


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """Return one PNG chunk: length, type, data, CRC32."""
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def fixed_noise(size: int, seed: bytes = b"newsfacts-binary-sample") -> bytes:
    """Return `size` random-looking bytes from a SHA-256 chain (same bytes on every run)."""
    out = bytearray()
    block = seed
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out.extend(block)
    return bytes(out[:size])


def binary_image() -> bytes:
    """Return a PNG-looking file: signature, 16x16 IHDR, then an IDAT of fixed noise."""
    signature = b"\x89PNG\r\n\x1a\n"
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
    return signature + ihdr + png_chunk(b"IDAT", fixed_noise(NOISE_BYTES))


def truncated_gzip() -> bytes:
    """Return the first half of the good sample WARC: a gzip stream cut mid-record."""
    data = GOOD_WARC.read_bytes()
    return data[: len(data) // 2]


def main() -> None:
    """Write the three generated bad files."""
    (BAD_DIR / "binary_image.txt").write_bytes(binary_image())
    (BAD_DIR / "broken.warc.gz").write_bytes(truncated_gzip())
    (BAD_DIR / "empty.txt").write_bytes(b"")
    print(f"wrote bad samples to {BAD_DIR}")


if __name__ == "__main__":
    main()
