# SPDX-License-Identifier: MIT
"""Independent reader for the PNG tests: prints what Pillow sees in a PNG as JSON.

Usage: read_png_with_pil.py FILE.png
Output: {"mode": "P", "size": [w, h], "pixels": [row-major values], "palette": [[r, g, b], ...]}
Exit code 77 when Pillow is missing (the test then skips).
"""
import json
import sys

try:
    from PIL import Image
except ImportError:
    sys.exit(77)

with Image.open(sys.argv[1]) as image:
    image.load()
    result = {"mode": image.mode, "size": list(image.size), "pixels": [int(v) for v in image.getdata()]}
    if image.mode == "P":
        flat = image.getpalette() or []
        result["palette"] = [flat[i:i + 3] for i in range(0, len(flat), 3)]
json.dump(result, sys.stdout)
