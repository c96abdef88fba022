"""Spanish agreements (the BOE publishes every one in Spain; Latin American and Puerto Rican
agreements write the same way): "Artículo 5. Comisión de interpretación, seguimiento y control
del convenio." with the title's own full stop, "CAPÍTULO II" and "TÍTULO IV" over groups of
articles, "ANEXO I". Before, no heading was read and the file was refused ("no part headings")."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI

from proposals.contract.headings import match_heading
from proposals.contract.split import Line, split_parts

CONVENIO = """CONVENIO COLECTIVO DE LA EMPRESA EJEMPLO, S.A.
TÍTULO I
Disposiciones generales
Artículo 1. Ámbito territorial.
El presente convenio será de aplicación en todos los centros de trabajo de la empresa.
Artículo 2. Comisión de interpretación, seguimiento y control del convenio.
Se constituye una comisión paritaria con cuatro miembros de cada parte.
CAPÍTULO I
Jornada
Artículo 3.   Jornada de trabajo.
La jornada anual será de 1.780 horas de trabajo efectivo.
ANEXO I
Tablas salariales
Grupo I: 21.000 euros anuales.
"""


def test_spanish_headings_and_their_titles() -> None:
    found = match_heading("Artículo 2. Comisión de interpretación, seguimiento y control del convenio.")
    assert found is not None and (found.kind, found.number) == ("article", "2")
    assert found.title == "Comisión de interpretación, seguimiento y control del convenio"
    assert match_heading("ANEXO I") is not None
    # an English sentence keeps its full stop and stays a sentence
    assert match_heading("Article 5. The Union shall meet the Employer every month.") is None


def test_a_spanish_agreement_splits_into_its_articles() -> None:
    split = split_parts([Line(t) for t in CONVENIO.splitlines()], front_as_preamble=True)
    parts = [(p.kind, p.number, p.title) for p in split.parts if p.kind != "preamble"]
    assert parts == [
        ("article", "1", "Ámbito territorial"),
        ("article", "2", "Comisión de interpretación, seguimiento y control del convenio"),
        ("article", "3", "Jornada de trabajo"),
        ("appendix", "I", "Tablas salariales"),
    ]
    assert "La jornada anual será de 1.780 horas" in split.parts[-2].text


def test_the_cli_imports_it_with_readable_ids(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "convenio.txt"
    source.write_text(CONVENIO, "utf-8")
    cli("init", "mesa", "--union", "Sindicato", "--employer", "Empresa")
    cli("-C", "mesa", "baseline", "--from-text", str(source))
    ids = sorted(p.stem for p in (tmp_path / "mesa" / "articles").glob("*.txt"))
    assert "ambito-territorial" in ids and "jornada-de-trabajo" in ids and "tablas-salariales" in ids
