"""Kernels forked from the zygote: each learner gets a new process that sees nothing of another's."""

from __future__ import annotations

import asyncio
import os

from course.graded.mark.forking import ForkingKernelManager


async def run_in_new_kernel(code: str, folder) -> list[str]:
    manager = ForkingKernelManager(transport="ipc", ip=str(folder / "noyau"))
    await manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        message_id = client.execute(code)
        outputs = []
        while True:
            message = await client.get_iopub_msg(timeout=30)
            if message["parent_header"].get("msg_id") != message_id:
                continue
            if message["msg_type"] == "stream":
                outputs.extend(message["content"]["text"].split())
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return outputs
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)


def test_a_learner_kernel_cannot_see_what_another_left(tmp_path):
    first = asyncio.run(run_in_new_kernel(
        "import os, course.graded as g; g.trace = 'apprenant 1'; print(os.getpid())", tmp_path))
    second = asyncio.run(run_in_new_kernel(
        "import os, course.graded as g; print(getattr(g, 'trace', 'rien')); print(os.getpid())", tmp_path))
    assert second[0] == "rien"  # a fresh copy of the pristine zygote, not the first learner's process
    assert first[0] != second[1] and int(second[1]) != os.getpid()


def test_a_forked_kernel_runs_in_the_submission_folder_with_its_environment(tmp_path):
    folder = tmp_path / "copie"
    folder.mkdir()
    os.environ["COURS_ESSAI_FORK"] = "oui"
    try:
        manager_folder = tmp_path
        previous = os.getcwd()
        os.chdir(folder)
        try:
            outputs = asyncio.run(run_in_new_kernel(
                "import os; print(os.getcwd()); print(os.environ.get('COURS_ESSAI_FORK'))", manager_folder))
        finally:
            os.chdir(previous)
    finally:
        del os.environ["COURS_ESSAI_FORK"]
    assert outputs == [str(folder), "oui"]
