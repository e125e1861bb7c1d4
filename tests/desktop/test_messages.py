"""Errors from the environment reach the worker in plain Chinese; bugs are not disguised."""

from __future__ import annotations

import sqlite3

from desktop.messages import environment_message


def test_a_full_disk_is_explained_and_says_nothing_is_lost(chinese: None) -> None:
    text = environment_message(sqlite3.OperationalError("database or disk is full"))
    assert text is not None
    assert "无法写入" in text and "没有丢失" in text and "磁盘" in text


def test_a_bug_is_not_passed_off_as_an_environment_problem() -> None:
    assert environment_message(KeyError("party")) is None
