"""Colour science for the category palette, free of Qt so it can be tested and reasoned about.

A student has to tell categories apart by their highlight colour, including the roughly one in
twelve boys with a colour-vision deficiency. So colours are compared the way people see them:

- sRGB <-> CIELAB (D65), and CIEDE2000 (`delta_e`), the CIE's perceptual colour difference
  (Sharma, Wu and Dalal 2005 give the test pairs the tests check it against);
- simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009,
  severity 1.0, applied in linear RGB), so a difference is the smallest one any of the four
  kinds of vision sees (`seen_difference`);
- the highlight as actually painted: Qt blends a translucent fill over the page in gamma-encoded
  sRGB (`composite`), which is why highlights are now opaque (a translucent fill is a paler,
  different colour on every page); the page still matters for how far a highlight stands out.

The thresholds below say what a category colour must do; tests/core/test_colours.py measures
every bundled lesson's palette against them and says how close each comes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from enum import Enum
from functools import lru_cache
from itertools import combinations

RGB = tuple[float, float, float]  # each channel 0..1
Lab = tuple[float, float, float]

#: Two categories' highlights must differ by at least this much CIEDE2000 for every kind of
#: vision. 20 is about ten times a just-noticeable difference (~2): colours a reader names
#: differently at a glance, even as thin runs of highlighted text, not merely "slightly off".
PAIR_THRESHOLD = 20.0

#: A highlight must stand out from every page it may be shown on (`PAGES`) by at least this
#: much for every kind of vision. "Not marked" is in effect one more category a highlight must
#: be told apart from, so it gets the same bar as a pair; note that CIEDE2000 shrinks lightness
#: differences near white, so a pale fill needs real chroma or depth to pass. For scale: a
#: yellow highlighter (#ffff00) on white measures 30 for most readers but 10 with tritanopia,
#: and the translucent fills used before measured 2 to 25 (four of them under 8).
BACKGROUND_THRESHOLD = 20.0

#: Black-ish text over a highlight must keep at least this WCAG contrast ratio (AA for body
#: text), so marking a passage never makes it harder to read.
TEXT_CONTRAST = 4.5

#: The ink the article draws over highlights, whatever the theme: highlights are light fills,
#: like a highlighter pen on paper, so the text on them is dark on a dark theme too.
HIGHLIGHT_INK = "#141414"


class Vision(Enum):
    """Kinds of colour vision the palette is checked for (dichromacies at full severity)."""

    NORMAL = "normal"
    PROTANOPIA = "protanopia"
    DEUTERANOPIA = "deuteranopia"
    TRITANOPIA = "tritanopia"


# Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of
# Color Vision Deficiency", severity 1.0; rows map linear RGB to simulated linear RGB.
MACHADO: dict[Vision, tuple[RGB, RGB, RGB]] = {
    Vision.PROTANOPIA: (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    Vision.DEUTERANOPIA: (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    Vision.TRITANOPIA: (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

# sRGB (linear) -> CIE XYZ, D65 (IEC 61966-2-1), and the D65 white the Lab conversion uses.
_RGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)
_XYZ_TO_RGB = (
    (3.2404542, -1.5371385, -0.4985314),
    (-0.9692660, 1.8760108, 0.0415560),
    (0.0556434, -0.2040259, 1.0572252),
)
_WHITE = (0.95047, 1.0, 1.08883)


# --- sRGB ---------------------------------------------------------------------------------------
def parse_hex(text: str) -> RGB:
    """'#rrggbb' (or 'rrggbb', or '#rgb') -> channels in 0..1."""
    digits = text.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not an #rrggbb colour: {text!r}")
    value = int(digits, 16)
    return ((value >> 16) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0)


def to_hex(rgb: RGB) -> str:
    """Channels in 0..1 (clipped) -> '#rrggbb'."""
    return "#" + "".join(f"{round(_clip(c) * 255):02x}" for c in rgb)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def to_linear(channel: float) -> float:
    """sRGB transfer function inverted: encoded 0..1 -> linear light 0..1."""
    if channel <= 0.04045:
        return channel / 12.92
    return ((channel + 0.055) / 1.055) ** 2.4


def from_linear(channel: float) -> float:
    """Linear light 0..1 -> sRGB encoded 0..1 (clipped: out-of-gamut light is not shown)."""
    channel = _clip(channel)
    if channel <= 0.0031308:
        return channel * 12.92
    return 1.055 * channel ** (1 / 2.4) - 0.055


def _mul(matrix: tuple[RGB, RGB, RGB], vector: RGB) -> RGB:
    r0, r1, r2 = matrix
    x, y, z = vector
    return (
        r0[0] * x + r0[1] * y + r0[2] * z,
        r1[0] * x + r1[1] * y + r1[2] * z,
        r2[0] * x + r2[1] * y + r2[2] * z,
    )


# --- CIELAB -------------------------------------------------------------------------------------
def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _f_inverse(t: float) -> float:
    return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


def linear_to_lab(linear: RGB) -> Lab:
    """Linear sRGB -> CIELAB (D65)."""
    x, y, z = _mul(_RGB_TO_XYZ, linear)
    fx, fy, fz = _f(x / _WHITE[0]), _f(y / _WHITE[1]), _f(z / _WHITE[2])
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def srgb_to_lab(rgb: RGB) -> Lab:
    """Encoded sRGB (0..1) -> CIELAB (D65)."""
    return linear_to_lab((to_linear(rgb[0]), to_linear(rgb[1]), to_linear(rgb[2])))


def lab_to_srgb(lab: Lab) -> RGB:
    """CIELAB (D65) -> encoded sRGB 0..1, clipped to the gamut."""
    lightness, a, b = lab
    fy = (lightness + 16) / 116
    xyz = (
        _WHITE[0] * _f_inverse(fy + a / 500),
        _WHITE[1] * _f_inverse(fy),
        _WHITE[2] * _f_inverse(fy - b / 200),
    )
    linear = _mul(_XYZ_TO_RGB, xyz)
    return (from_linear(linear[0]), from_linear(linear[1]), from_linear(linear[2]))


def relative_luminance(rgb: RGB) -> float:
    """WCAG relative luminance (the Y of linear sRGB)."""
    r, g, b = (to_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio, 1..21."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- CIEDE2000 ----------------------------------------------------------------------------------
def delta_e(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1), as written out by Sharma, Wu and Dalal
    (2005), including their conventions for achromatic colours and the mean hue."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0

    d_l = l2 - l1
    d_c = c2p - c1p
    if c1p * c2p == 0:
        d_h = 0.0
    else:
        d_h = h2p - h1p
        if d_h > 180:
            d_h -= 360
        elif d_h < -180:
            d_h += 360
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(d_h) / 2)

    l_bar = (l1 + l2) / 2
    cp_bar = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_bar = (h1p + h2p + 360) / 2
    else:
        hp_bar = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_bar - 30))
        + 0.24 * math.cos(math.radians(2 * hp_bar))
        + 0.32 * math.cos(math.radians(3 * hp_bar + 6))
        - 0.20 * math.cos(math.radians(4 * hp_bar - 63))
    )
    d_theta = 30 * math.exp(-(((hp_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25.0**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (d_l / s_l) ** 2
        + (d_c / s_c) ** 2
        + (d_big_h / s_h) ** 2
        + r_t * (d_c / s_c) * (d_big_h / s_h)
    )


# --- colour vision ------------------------------------------------------------------------------
def simulate(rgb: RGB, vision: Vision) -> RGB:
    """How `rgb` (encoded sRGB) looks with `vision`, as encoded sRGB (Machado 2009, in linear
    RGB, clipped to the gamut as a screen would)."""
    if vision is Vision.NORMAL:
        return rgb
    linear = (to_linear(rgb[0]), to_linear(rgb[1]), to_linear(rgb[2]))
    seen = _mul(MACHADO[vision], linear)
    return (from_linear(seen[0]), from_linear(seen[1]), from_linear(seen[2]))


@lru_cache(maxsize=4096)
def lab_seen(hex_colour: str, vision: Vision) -> Lab:
    """CIELAB of `hex_colour` as someone with `vision` sees it (cached: palettes repeat)."""
    return srgb_to_lab(simulate(parse_hex(hex_colour), vision))


def seen_difference(first: str, second: str) -> float:
    """The smallest CIEDE2000 between two '#rrggbb' colours over the four kinds of vision:
    how different they look to whoever finds them hardest to tell apart."""
    return min(delta_e(lab_seen(first, v), lab_seen(second, v)) for v in Vision)


def differences(first: str, second: str) -> dict[Vision, float]:
    """CIEDE2000 between two '#rrggbb' colours for each kind of vision (for reports)."""
    return {v: delta_e(lab_seen(first, v), lab_seen(second, v)) for v in Vision}


def composite(colour: str, alpha: float, background: str) -> str:
    """A fill of `colour` at opacity `alpha` (0..1) painted over `background`, as Qt's raster
    engine blends: source-over on gamma-encoded 8-bit channels."""
    (r1, g1, b1), (r2, g2, b2) = parse_hex(colour), parse_hex(background)
    return to_hex(
        (
            r1 * alpha + r2 * (1 - alpha),
            g1 * alpha + g2 * (1 - alpha),
            b1 * alpha + b2 * (1 - alpha),
        )
    )


# --- palettes -----------------------------------------------------------------------------------
#: Pages the article may be shown on: Qt's light Base (white), a warm paper tone, and the dark
#: Bases of Fusion dark and common GNOME / KDE / macOS dark themes.
LIGHT_PAGES = ("#ffffff", "#f7f5f0")
DARK_PAGES = ("#1e1e1e", "#2a2a2a", "#353535")
PAGES = LIGHT_PAGES + DARK_PAGES


def pair_differences(colours: dict[str, str]) -> dict[Vision, tuple[float, str, str]]:
    """For each kind of vision, the closest pair of `colours` (name -> '#rrggbb'): its
    CIEDE2000 and the two names. Fewer than two colours give inf."""
    closest: dict[Vision, tuple[float, str, str]] = dict.fromkeys(Vision, (math.inf, "", ""))
    for first, second in combinations(colours, 2):
        for vision, value in differences(colours[first], colours[second]).items():
            if value < closest[vision][0]:
                closest[vision] = (value, first, second)
    return closest


def min_pair_difference(colours: Iterable[str]) -> float:
    """The smallest `seen_difference` between any two of `colours` (inf for fewer than two)."""
    listed = list(colours)
    return min((seen_difference(a, b) for a, b in combinations(listed, 2)), default=math.inf)


def background_difference(colour: str, pages: Sequence[str] = PAGES) -> float:
    """How far `colour` stands out from the least different of `pages`, for any vision."""
    return min(seen_difference(colour, page) for page in pages)


def ink_contrast(colour: str, ink: str = HIGHLIGHT_INK) -> float:
    """WCAG contrast of the highlight ink on `colour`."""
    return contrast_ratio(parse_hex(colour), parse_hex(ink))
