package io.phonegateway.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** AES-256-GCM of stored results: nothing in clear, nothing that was tampered with or moved decrypts. */
class ResultCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] PLAIN = "{\"phoneNumber\":\"13800138000\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "wx4f4bc4dec97d474b:abc".getBytes(StandardCharsets.UTF_8);

    private final ResultCipher cipher = ResultCipher.of(Optional.of(KEY));

    @Test
    void roundTripsAndHidesThePlainText() {
        byte[] sealed = cipher.encrypt(PLAIN, AAD);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("13800138000");
        assertThat(cipher.decrypt(sealed, AAD)).hasValue(PLAIN);
        assertThat(cipher.encrypt(PLAIN, AAD)).isNotEqualTo(sealed); // a fresh nonce each time
    }

    @Test
    void refusesTamperedMovedOrForeignValues() {
        byte[] sealed = cipher.encrypt(PLAIN, AAD);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThat(cipher.decrypt(tampered, AAD)).isEmpty();
        assertThat(cipher.decrypt(sealed, "wx4f4bc4dec97d474b:other".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ResultCipher.of(Optional.empty()).decrypt(sealed, AAD)).isEmpty();
        assertThat(cipher.decrypt(new byte[5], AAD)).isEmpty();
    }

    @Test
    void aMalformedKeyIsNamedButNeverShown() {
        assertThatThrownBy(() -> ResultCipher.of(Optional.of("not base64 !!")))
                .hasMessageContaining("phone-gateway.result-cache.key").hasMessageNotContaining("not base64");
        assertThatThrownBy(() -> ResultCipher.of(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
    }
}
