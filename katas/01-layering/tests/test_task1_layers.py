"""Public tests of task 1: the layers, read from your import graph. Run `uv run kata check 01-layering`."""

from __future__ import annotations

import pytest

from checker.testkit import expect_equal

LAYERS = ("inkwell.domain", "inkwell.application", "inkwell.infrastructure", "inkwell.interface")
FRAMEWORKS = ("sqlalchemy", "fastapi", "starlette", "pydantic")
OUTER_OF_DOMAIN = ("inkwell.application", "inkwell.infrastructure", "inkwell.interface", "inkwell.app")
FORBIDDEN_IN_APPLICATION = (
    "sqlalchemy",
    "fastapi",
    "starlette",
    "inkwell.infrastructure",
    "inkwell.interface",
    "inkwell.app",
)
FORBIDDEN_IN_INTERFACE = ("inkwell.infrastructure", "inkwell.app")


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.1")
def test_the_four_layers_are_packages(graph):
    missing = [name.replace(".", "/") for name in LAYERS if not graph.has_package(name)]
    expect_equal(
        missing,
        [],
        did="Looked for the four layer packages in your inkwell folder",
        saw=f"missing (no folder, or a folder without __init__.py): {', '.join(missing)}",
        expected_text="inkwell/domain, inkwell/application, inkwell/infrastructure and inkwell/interface, "
        "each a folder with an __init__.py",
        why="The layers are the structure this kata teaches; the README says what goes in each.",
    )


def _no_chain(graph, kit, layer, forbidden, why):
    expect_equal(
        graph.has_package(layer),
        True,
        did=f"Looked for the layer {layer}",
        saw=f"no {layer.replace('.', '/')} package, so nothing to check",
        expected_text=f"{layer.replace('.', '/')}/__init__.py and the modules the README names",
    )
    chains = graph.chains(layer, forbidden)
    expect_equal(
        [[edge.describe() for edge in chain] for chain in chains],
        [],
        did=f"Followed every import of {layer}, through the other modules of inkwell",
        saw=kit.layering.describe(chains, forbidden),
        expected_text="no chain that reaches " + ", ".join(forbidden),
        why=why,
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.2")
def test_the_domain_imports_no_framework(graph, kit):
    """The domain imports no framework (SQLAlchemy, FastAPI, Starlette, Pydantic)"""
    _no_chain(
        graph,
        kit,
        "inkwell.domain",
        FRAMEWORKS,
        "The domain holds the rules; if it needs a framework to import, it cannot be tested or reused without "
        "one. An import for type hints only counts too: move it outward.",
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.3")
def test_the_domain_imports_no_outer_layer(graph, kit):
    _no_chain(
        graph,
        kit,
        "inkwell.domain",
        OUTER_OF_DOMAIN,
        "Dependencies point inward: the domain is the centre and knows no layer around it. What the "
        "application needs from outside, it declares as a port in inkwell/application/ports.py.",
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.4")
def test_the_application_imports_no_framework_and_no_outer_layer(graph, kit):
    """The application imports no framework and no outer layer"""
    _no_chain(
        graph,
        kit,
        "inkwell.application",
        FORBIDDEN_IN_APPLICATION,
        "Use cases speak to ports (the repositories, the unit of work), never to the adapters behind them; "
        "that is what lets them run on fakes, and on another database tomorrow.",
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.5")
def test_the_interface_imports_no_infrastructure(graph, kit):
    _no_chain(
        graph,
        kit,
        "inkwell.interface",
        FORBIDDEN_IN_INTERFACE,
        "Routes ask for a UnitOfWork (the port); only the composition root, inkwell/app.py, knows which "
        "adapter implements it. Type the dependency with the port, and let app.py wire it.",
    )
