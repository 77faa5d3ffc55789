package io.phonegateway.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "13800138000, *******8000",
            "+8613800138000, **********8000",
            "+85261234567, ********4567",
            "'+1 650-253-0000', ***********0000",
            "12345, *2345",
            "1234, ****",
            "12, **",
            "xxxxxx, ******",
            "'', ''" })
    void keepsOnlyTheLastFourDigits(String phone, String masked) {
        assertThat(Mask.phone(phone)).isEqualTo(masked);
    }

    @Test
    void nullStaysNull() {
        assertThat(Mask.phone(null)).isNull();
    }

    @Test
    void middleKeepsTheFirstThreeAndLastFourDigits() {
        assertThat(Mask.middle("13800138000")).isEqualTo("138****8000");
        assertThat(Mask.middle("+85261234567")).isEqualTo("+852****4567");
        assertThat(Mask.middle("6123456")).isEqualTo("***3456");
        assertThat(Mask.middle("1234")).isEqualTo("****");
        assertThat(Mask.middle(null)).isNull();
    }
}
