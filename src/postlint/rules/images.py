"""IMG: images (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('IMG001', 'image-alt-missing', Severity.ERROR, 'A body image (Markdown or inline HTML <img>) with empty or absent alt text'),
    stub('IMG002', 'image-alt-quality', Severity.WARNING, 'Alt text that is a file name (hero.webp), a placeholder (image, photo, picture, screenshot), shorter than 5 or longer than 125 characters'),
    stub('IMG003', 'hero-image-mismatch', Severity.WARNING, "Front matter image is set but the body's first image points elsewhere, or the body has images and none is the front-matter image (option hero: first-image | anywhere | off, default first-image)"),
    stub('IMG004', 'hero-alt-mismatch', Severity.INFO, "The hero image's alt text does not contain the post title's significant words (option mode: contains | equal | off)"),
    stub('IMG005', 'image-file-missing', Severity.ERROR, 'A local image path (front matter image or body) that resolves to no file under the configured static-dirs (root-absolute paths) or next to the post (relative paths); remote images are not fetched'),
    stub('IMG006', 'image-file-heavy', Severity.INFO, 'A local image file larger than 300 KB, or in a format outside preferred-formats (default webp, avif, svg)'),
]
