package dev.connectplane.contracts.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next page's link, as connectctl, the tests and the benchmarks read it. */
class NextLinkTest {

    @Test
    void theNextLinkIsFoundAmongOthersAndAbsentOnTheLastPage() {
        assertThat(NextLink.pathOf(List.of("<https://a.example/v1/tokens?cursor=x%3D&limit=5>; rel=\"next\", "
                + "<https://a.example/v1/tokens>; rel=\"first\""))).isEqualTo("/v1/tokens?cursor=x%3D&limit=5");
        assertThat(NextLink.pathOf(List.of("<https://a.example/v1/tokens>; rel=\"first\""))).isNull();
        assertThat(NextLink.pathOf(List.of())).isNull();
        assertThat(NextLink.pathOf(Arrays.asList((String) null))).isNull();
    }
}
