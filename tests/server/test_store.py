"""The server store: its migrations match its models, on SQLite and PostgreSQL, and a
training server takes the sandbox's data."""

from __future__ import annotations

import uuid

import requests
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sync.protocol import EnrollResponse
from sync.server import migrations
from sync.server.models import Base
from sync.server.settings import ServerSettings
from sync.server.store import SCRIPTS
from tests.server.harness import HEADERS, EnrolledDevice, RunningServer, event, pull_all, push


def test_head_names_the_newest_revision() -> None:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    assert ScriptDirectory.from_config(config).get_current_head() == migrations.HEAD


def test_the_migrated_schema_is_the_models(server_settings: ServerSettings) -> None:
    server = RunningServer(server_settings)
    try:
        with server.runtime.store.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert context.get_current_revision() == migrations.HEAD
            assert compare_metadata(context, Base.metadata) == []
    finally:
        server.close()


def test_migrating_twice_changes_nothing(server_settings: ServerSettings) -> None:
    server = RunningServer(server_settings)
    server.import_sample_tree()
    server.close()
    server.start()  # opens and migrates the same store again
    try:
        device = server.enroll("320509003001")
        assert push(server.url, device, [event(device)]).results[0].server_seq == 1
    finally:
        server.stop()


def test_a_training_server_takes_training_devices_and_data(
    server_settings: ServerSettings,
) -> None:
    server = RunningServer(server_settings.model_copy(update={"training": True}))
    server.import_sample_tree()
    server.start()
    try:
        body = {
            "code": server.enrollment_code("320509003001"),
            "device_id": str(uuid.uuid4()),
            "training": True,
        }
        answer = requests.post(f"{server.url}/v1/enroll", json=body, headers=HEADERS)
        assert answer.status_code == 200, answer.text
        device = EnrolledDevice(EnrollResponse.model_validate_json(answer.content))
        sent = push(server.url, device, [event(device)])
        assert [e.id for e in pull_all(server.url, device)] == [sent.results[0].id]
    finally:
        server.stop()
