"""Paging a back-office list without counting it (the consultations, events and interpreting lists)."""


class OpenPage:
    """A page of a long list without counting the whole list: one query for the page (plus its prefetches),
    whatever the length of the table. Previous/next only; the figures are where totals are counted."""

    MAX_PAGE = 10_000

    def __init__(self, queryset, number, size: int):
        try:
            self.number = min(max(int(number), 1), self.MAX_PAGE)
        except (TypeError, ValueError):
            self.number = 1
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.object_list = rows[:size]
        self._has_next = len(rows) > size
        self.start_index = start + 1 if self.object_list else 0
        self.end_index = start + len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
