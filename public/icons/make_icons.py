"""Draws Shebao's icons (run once; the PNGs are committed).

A white shield holding a figure, on the theme blue. The maskable variant keeps the motif inside
the 80 % safe zone so launchers can crop it to any shape. Needs Pillow: `pip install pillow`.
The PNGs are then recompressed losslessly with oxipng (`pip install pyoxipng`; zopfli, 20 %
smaller, the same pixels): they are in every phone's first download.
"""
from PIL import Image, ImageDraw

BLUE = (20, 86, 168, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int, scale: float, rounded: bool) -> Image.Image:
    ss = 4  # supersample, then downscale for smooth edges
    n = size * ss
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if rounded:
        d.rounded_rectangle([0, 0, n - 1, n - 1], radius=n * 0.22, fill=BLUE)
    else:
        d.rectangle([0, 0, n, n], fill=BLUE)
    c = n / 2
    w = n * 0.52 * scale
    top = c - w * 0.62
    mid = c + w * 0.12
    bottom = c + w * 0.68
    # shield: a flat top, straight sides, a point at the bottom
    d.polygon(
        [(c - w / 2, top), (c + w / 2, top), (c + w / 2, mid), (c, bottom), (c - w / 2, mid)],
        fill=WHITE,
    )
    # the figure: a head and shoulders in blue
    r = w * 0.12
    hy = top + w * 0.30
    d.ellipse([c - r, hy - r, c + r, hy + r], fill=BLUE)
    d.pieslice([c - w * 0.26, hy + r * 1.3, c + w * 0.26, hy + r * 1.3 + w * 0.52], 180, 360, fill=BLUE)
    return img.resize((size, size), Image.LANCZOS)


def save(img: Image.Image, name: str) -> None:
    img.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(name, optimize=True)
    try:
        import oxipng
    except ImportError:
        print(f"{name}: not recompressed (pip install pyoxipng)")
        return
    oxipng.optimize(name, level=6, strip=oxipng.StripChunks.safe(), deflate=oxipng.Deflaters.zopfli(15))


save(draw(192, 1.0, True), "icon-192.png")
save(draw(512, 1.0, True), "icon-512.png")
save(draw(512, 0.78, False), "icon-maskable-512.png")
save(draw(180, 1.0, False), "apple-touch-icon.png")
