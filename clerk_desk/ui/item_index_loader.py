"""Getting the desk's item search index off the GUI thread, for the intake and the service guide.

``Desk.item_index`` builds the index once per catalog version (reading every
item name's pinyin: about half a second for 5,000 items) and then returns
the same one. That first build is CPU work: it runs on the I/O pool, so the
database thread stays free for what the clerk is waiting for. Reads may
answer out of order (another login asked for another role's index): the
newest asked for wins (:class:`~clerk_desk.ui.tasks.ReadOrder`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.tasks import ReadOrder


class ItemIndexLoader(QObject):
    """Loads the item index; ``index`` is the last one loaded (None before).

    Signals:
        loaded(object): the ItemSearchIndex, each time one is read (the same
            object again while the catalog version stays).
        failed(object): the error of a read.
    """

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._reads = ReadOrder()
        self._asked = 0  # reads under way
        self.index: ItemSearchIndex | None = None

    @property
    def loading(self) -> bool:
        return self._asked > 0

    def load(self, role: str | None = None) -> None:
        """Read the index of the current catalog (for a village agent: the items they may take)."""
        desk, reads = self._ctx.desk, self._reads

        def read() -> tuple[int, ItemSearchIndex]:
            number = reads.take()
            return number, desk.item_index(role=role)

        self._asked += 1
        self._ctx.runner.io(read, self._read, self._failed)

    def _read(self, answer: tuple[int, ItemSearchIndex]) -> None:
        self._asked -= 1
        number, index = answer
        if not self._reads.newer(number):
            return  # asked for before the one shown (another login): dropped
        self.index = index
        self.loaded.emit(index)

    def _failed(self, error: BaseException) -> None:
        self._asked -= 1
        self.failed.emit(error)
