"""A running footer of two lines set apart by a gap (the Spanish BOE's "Núm. 153 Martes 25 de
junio de 2024 Sec. III. Pág. 73418 cve: BOE-A-2024-12848", a gap, "Verificable en
https://www.boe.es"): before, only the last line was taken for furniture, so the other stayed in
the text of every page, and where a page began with an article heading it was joined to it and
the article went into the one before."""

from __future__ import annotations

from proposals.contract.plaintext import strip_page_furniture


def _page(n: int, first: str) -> list[str]:
    return [
        "BOLETÍN OFICIAL DEL ESTADO",
        "",
        first,
        "",
        "La jornada anual será de 1.780 horas de trabajo efectivo, distribuidas según el calendario",
        "que se acuerde con la representación legal de las personas trabajadoras.",
        f"Núm. 153 Martes 25 de junio de 2024 Sec. III. Pág. {73400 + n} cve: BOE-A-2024-12848",
        "",
        "Verificable en https://www.boe.es",
    ]


def test_both_lines_of_a_footer_set_apart_are_furniture() -> None:
    pages = [_page(n, f"Artículo {n}. Jornada de trabajo.") for n in range(1, 9)]
    cleaned, skipped = strip_page_furniture(pages)
    text = "\n".join(line for page in cleaned for line in page)
    assert "Núm. 153" not in text and "Verificable" not in text and "BOLETÍN" not in text
    assert sum("Núm. 153" in s.text for s in skipped) == 8
    assert all(f"Artículo {n}. Jornada de trabajo." in text for n in range(1, 9))


def test_a_bare_heading_atop_every_page_is_never_furniture() -> None:
    pages = [_page(n, "ARTICLE 7") for n in range(1, 9)]  # one long article over eight pages
    cleaned, _ = strip_page_furniture(pages)
    assert sum(line == "ARTICLE 7" for page in cleaned for line in page) == 8
