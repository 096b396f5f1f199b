"""One desktop app per data directory: a second start brings the first forward.

The app that holds the data directory's lock
(:class:`clerk_desk.instance_lock.InstanceLock`) listens on a local socket
named from the directory (:class:`ActivationServer`). A second start that
does not get the lock asks it to show its window (:func:`ask_to_raise`) and
ends; when nobody answers (the app hangs, or something else holds the lock)
the second start says the app is already open.

The socket is only a doorbell: the lock decides who runs. The name is a hash
of the user and the directory, so two users, or two directories, never ring
each other's app; on POSIX only the user may connect.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
RAISED = b"raised\n"
ASK_TIMEOUT_MS = 3000


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir`` (short: Unix socket paths are limited)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = f"{user}\0{os.path.abspath(data_dir)}".encode()
    return "clerk-desk-" + hashlib.sha256(key).hexdigest()[:24]


class ActivationServer(QObject):
    """Listens for a second start on the same data directory.

    Signals:
        activation_requested(): a second start asked to see the running app.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._connected)

    def listen(self) -> bool:
        """Start listening; call it only while holding the data directory's lock.

        A socket file left by a killed app is removed first (the lock says it is stale).
        """
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE):
            socket.write(RAISED)
            socket.flush()
            self.activation_requested.emit()
        socket.disconnectFromServer()


def ask_to_raise(data_dir: Path, timeout_ms: int = ASK_TIMEOUT_MS) -> bool:
    """Ask the app running on ``data_dir`` to show its window; True if it said it did.

    Blocks up to about ``timeout_ms`` (before the event loop runs; no Qt
    application object is needed).
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return answer.startswith(RAISED)
