"""Task 1: the layer rules, read from the submission's import graph."""

from __future__ import annotations

import pytest

from checker.testkit import expect

OUTER_OF_DOMAIN = ("inkwell.application", "inkwell.infrastructure", "inkwell.interface", "inkwell.app")
FORBIDDEN_IN_APPLICATION = (
    "sqlalchemy",
    "fastapi",
    "starlette",
    "inkwell.infrastructure",
    "inkwell.interface",
    "inkwell.app",
)


def _layer_exists(graph, layer):
    expect(
        graph.has_package(layer),
        did=f"Looked for the layer {layer}",
        saw=f"no {layer.replace('.', '/')} package, so nothing to check",
        expected=f"{layer.replace('.', '/')}/__init__.py and the modules the README names",
    )


@pytest.mark.task(1, points=6)
def test_the_domain_imports_no_outer_layer(graph, kit):
    _layer_exists(graph, "inkwell.domain")
    chains = graph.chains("inkwell.domain", OUTER_OF_DOMAIN)
    expect(
        not chains,
        did="Followed every import of inkwell.domain, through the other modules of inkwell",
        saw=kit.layering.describe(chains, OUTER_OF_DOMAIN),
        expected="no chain that reaches inkwell.application, inkwell.infrastructure, inkwell.interface or inkwell.app",
        why="Dependencies point inward: the domain is the centre and knows no layer around it. "
        "What the domain needs from outside, it declares as a port in inkwell/domain/ports.py.",
    )


@pytest.mark.task(1, points=6)
def test_the_application_imports_no_infrastructure_interface_or_framework(graph, kit):
    _layer_exists(graph, "inkwell.application")
    chains = graph.chains("inkwell.application", FORBIDDEN_IN_APPLICATION)
    expect(
        not chains,
        did="Followed every import of inkwell.application, through the other modules of inkwell",
        saw=kit.layering.describe(chains, FORBIDDEN_IN_APPLICATION),
        expected="no chain that reaches sqlalchemy, fastapi, starlette, inkwell.infrastructure, "
        "inkwell.interface or inkwell.app",
        why="Use cases speak to ports (the repositories, the unit of work), never to the adapters "
        "behind them; that is what lets them run on fakes, and on another database tomorrow.",
    )
