"""Bar charts as server-rendered SVG: readable without JavaScript, printable, small."""

from django.utils.html import escape

COLOURS = ["#0b4f8a", "#c2410c", "#2e7d32", "#6a1b9a"]


def grouped_bars(title, categories, series, width=640, height=260):
    """SVG with one group of bars per category and one bar per series.

    ``series`` is [(label, [value per category])]. Returns markup with a title and a
    text alternative (a <desc> listing every value) for screen readers.
    """
    margin_left, margin_bottom, margin_top = 48, 42, 16
    plot_w = width - margin_left - 12
    plot_h = height - margin_bottom - margin_top
    peak = max([v for _label, values in series for v in values] + [1])
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(4, (group_w - 8) / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="report-chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        '<desc id="chart-desc">'
        + escape(
            "; ".join(
                f"{category}: " + ", ".join(f"{label} {values[i]}" for label, values in series)
                for i, category in enumerate(categories)
            )
        )
        + "</desc>",
    ]
    for step in range(5):
        value = peak * step / 4
        y = margin_top + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{margin_left}" x2="{width - 12}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d5dbe5"/><text x="{margin_left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#4a5468">{value:.0f}</text>'
        )
    for i, category in enumerate(categories):
        x0 = margin_left + i * group_w + 4
        for j, (label, values) in enumerate(series):
            value = values[i]
            bar_h = plot_h * value / peak
            parts.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{margin_top + plot_h - bar_h:.1f}" '
                f'width="{bar_w - 2:.1f}" height="{bar_h:.1f}" fill="{COLOURS[j % len(COLOURS)]}">'
                f"<title>{escape(category)} · {escape(label)}: {value}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group_w / 2 - 4:.1f}" y="{height - margin_bottom + 16}" '
            f'text-anchor="middle" font-size="11" fill="#1d2433">{escape(category)}</text>'
        )
    legend_x = margin_left
    for j, (label, _values) in enumerate(series):
        parts.append(
            f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" '
            f'fill="{COLOURS[j % len(COLOURS)]}"/><text x="{legend_x + 14}" y="{height - 5}" '
            f'font-size="11" fill="#1d2433">{escape(label)}</text>'
        )
        legend_x += 14 + 8 * len(str(label)) + 16
    parts.append("</svg>")
    return "".join(parts)
