package dev.connectplane.foundation.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectplane.foundation.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits, cursors, the page cut and the keyset condition. */
class PagingTest {

    @Test
    void noLimitMeansTheDefaultAndTheFirstPage() {
        PageRequest page = PageRequest.of(null, null);

        assertThat(page.limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(page.fromStart()).isTrue();
        assertThat(page.fetchSize()).isEqualTo(PageRequest.DEFAULT_LIMIT + 1);
    }

    @Test
    void aLimitOutsideOneToTheMaximumOrNotANumberIsRefused() {
        for (String limit : List.of("0", "-1", "1001", "ten", "1.5")) {
            assertThatThrownBy(() -> PageRequest.of(limit, null)).as(limit)
                    .isInstanceOf(ProblemException.class).hasMessageContaining("limit")
                    .extracting(e -> ((ProblemException) e).status()).isEqualTo(400);
        }
        assertThat(PageRequest.of("1000", null).limit()).isEqualTo(1000);
    }

    @Test
    void aPageWithOneRowMoreThanItsLimitHasACursorThatLeadsAfterItsLastRow() {
        PageRequest first = PageRequest.first(2);

        Page<String> page = Page.of(List.of("alpha", "beta", "gamma"), first, row -> List.of(row, "id-" + row));

        assertThat(page.items()).containsExactly("alpha", "beta");
        PageRequest next = PageRequest.of("2", page.nextCursor().orElseThrow());
        assertThat(next.afterKey(2)).containsExactly("beta", "id-beta");
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(Page.of(List.of("alpha", "beta"), PageRequest.first(2), row -> List.of(row)).nextCursor()).isEmpty();
    }

    @Test
    void aCursorThisServiceDidNotGiveOutOrOfAnotherListIsRefused() {
        String cursorOfTwoParts = Page.of(List.of("a", "b"), PageRequest.first(1), row -> List.of(row, row)).nextCursor()
                .orElseThrow();
        assertThatThrownBy(() -> PageRequest.of(null, "not a cursor!")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> PageRequest.of(null, "aGVsbG8")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(null, cursorOfTwoParts).afterKey(3)).isInstanceOf(ProblemException.class);
    }

    @Test
    void theKeysetConditionComparesColumnByColumn() {
        assertThat(Keyset.after("name", "id")).isEqualTo("((name > :after0) or (name = :after0 and id > :after1))");
        assertThat(Keyset.after("id")).isEqualTo("((id > :after0))");
    }
}
