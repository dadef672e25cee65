"""The package's public names are exactly __all__, and all of them exist."""

import detente


def test_all_is_honest():
    for name in detente.__all__:
        assert hasattr(detente, name), name
    public = {n for n in dir(detente) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(detente, n)).__name__ == "module"}
    assert public - modules <= set(detente.__all__)
