"""The output folder, checked before any work and guarded while a batch writes to it."""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import OutputError

# Free space below which a run does not start: a dossier's reports take up to ~2 MB and its
# OCR cache rows ~50 KB a page, so 64 MB holds a few dozen dossiers' output; less than that and
# a batch would stop part-way with a full disk, which this check turns into a refusal up front.
MIN_FREE_BYTES = 64 * 1024 * 1024

LOCK_NAME = ".dossier-review.lock"

# errno values that mean "this output cannot be written", not "this input is bad"
OUTPUT_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EFBIG}


def os_reason(exc: OSError) -> str:
    """An OS error on the output side, in the reviewer's words."""
    known = {errno.ENOSPC: "磁盘空间已满", errno.EDQUOT: "磁盘配额已用完", errno.EFBIG: "文件超过文件系统的大小限制",
             errno.EROFS: "文件系统是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
             errno.ENOTDIR: "路径中有一段是文件而不是文件夹", errno.EEXIST: "同名文件已存在",
             errno.EIO: "磁盘读写错误"}
    return known.get(exc.errno) or exc.strerror or str(exc)


def is_output_oserror(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in OUTPUT_ERRNOS


def check_output_folder(path: str | os.PathLike, min_free: int = MIN_FREE_BYTES) -> Path:
    """Create ``path`` if needed and prove it takes a file; ``OutputError`` (one line) otherwise."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise OutputError(out, "输出路径已存在，但它是一个文件而不是文件夹；请换一个输出文件夹")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, f"无法创建输出文件夹（{os_reason(exc)}）") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=out)
        try:
            os.write(fd, b"x")
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise OutputError(out, f"输出文件夹不能写入（{os_reason(exc)}）；已完成的结果不受影响") from None
    free = free_bytes(out)
    if free is not None and free < min_free:
        raise OutputError(out, f"输出文件夹所在磁盘剩余空间不足（剩余 {free / 2**20:.0f} MB，"
                               f"至少需要 {min_free / 2**20:.0f} MB）；请清理磁盘或换一个输出文件夹")
    return out


def free_bytes(path: str | os.PathLike) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


class FolderLock:
    """An exclusive lock on an output folder for the life of one batch (``flock``).

    The kernel drops the lock when the holding process ends, however it ends, so a killed
    batch never leaves a stale lock behind; the file only records who held it last.
    """

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder) / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> "FolderLock":
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(self.path.parent, f"输出文件夹不能写入（{os_reason(exc)}）") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = ""
            try:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            except OSError:
                pass
            os.close(fd)
            who = f"（进程 {holder}）" if holder.isdigit() else ""
            raise OutputError(self.path.parent, f"另一个批量评查{who}正在使用这个输出文件夹；"
                                                "请等它结束，或换一个输出文件夹") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass  # the lock holds without the note
        self.fd = fd
        # a forked worker would otherwise share the lock and keep it past the batch's end
        os.register_at_fork(after_in_child=self._forget_in_child)
        return self

    def _forget_in_child(self) -> None:
        if self.fd is not None:
            try:
                os.close(self.fd)  # the child's copy only; the parent's descriptor keeps the lock
            except OSError:
                pass
            self.fd = None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None

    def __enter__(self) -> "FolderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
