"""A tile-grid cartogram of Japan: each prefecture one square, placed roughly where it lies,
Hokkaidō at the top right and Okinawa at the bottom left. (row, column) by JIS X 0401 code."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_ROWS = (
    ((12, "01"),),
    ((12, "02"),),
    ((11, "05"), (12, "03")),
    ((11, "06"), (12, "04")),
    ((8, "17"), (9, "16"), (10, "15"), (11, "07")),
    ((7, "18"), (8, "21"), (9, "20"), (10, "10"), (11, "09")),
    (
        *((2, "35"), (3, "32"), (4, "31"), (5, "28"), (6, "26")),
        *((7, "25"), (8, "23"), (9, "19"), (10, "11"), (11, "08")),
    ),
    (
        *((1, "40"), (3, "34"), (4, "33"), (5, "27"), (6, "29")),
        *((7, "24"), (8, "22"), (9, "14"), (10, "13"), (11, "12")),
    ),
    ((0, "42"), (1, "41"), (2, "44"), (3, "38"), (4, "37"), (6, "30")),
    ((1, "43"), (2, "45"), (3, "39"), (4, "36")),
    ((0, "47"), (1, "46")),
)

TILES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {code: (row + 1, column + 1) for row, tiles in enumerate(_ROWS) for column, code in tiles}
)
