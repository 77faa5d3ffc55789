package io.phonegateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The check on deliberate changes of a real document of the gateway (a copy of docs/openapi.yaml as it was when these
 * tests were written, so the tests do not change with the contract): breaks fail unless CHANGELOG.md announces them,
 * additions pass, and a committed document that is not the generated one always fails.
 */
class ContractCheckTest {

    private static final BreakingChanges NOTHING_ANNOUNCED = new BreakingChanges(List.of());

    private final String current = read();

    @Test
    void theSameDocumentPasses() {
        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), current, current, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.notes()).containsExactly("the API is the same as before this change");
    }

    @Test
    void aCommittedDocumentThatIsNotTheGeneratedOneFailsEvenWhenTheChangeIsHarmless() {
        String generated = replace(current, "summary: Exchange a getPhoneNumber code for the user's phone number",
                "summary: Exchange a getPhoneNumber code for the user's phone number, now with more words");

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), current, generated, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).singleElement().asString()
                .startsWith("docs/openapi.yaml is not the document the build generates. If the change is meant, copy it")
                .doesNotContain("BREAKS");
    }

    @Test
    void aGeneratedBreakNotYetCommittedSaysItBreaks() {
        String generated = removeE164(current);

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), current, generated, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).singleElement().asString()
                .contains("the difference BREAKS callers: [POST /phone]", "add a 'Breaking' line");
    }

    @Test
    void aRemovedResponseFieldFailsUntilTheChangelogAnnouncesIt() {
        String broken = removeE164(current);

        ContractCheck.Verdict silent = ContractCheck.check(Optional.of(current), broken, broken, NOTHING_ANNOUNCED);
        ContractCheck.Verdict announced = ContractCheck.check(Optional.of(current), broken, broken,
                new BreakingChanges(List.of("- **Breaking** POST /phone: `e164` is gone; format `phoneNumber` yourself")));

        assertThat(silent.failures()).singleElement().asString()
                .startsWith("this change BREAKS callers of POST /phone and CHANGELOG.md does not announce it")
                .contains("e164");
        assertThat(announced.failures()).isEmpty();
        assertThat(announced.notes()).singleElement().asString().startsWith("an announced breaking change of [POST /phone]");
    }

    @Test
    void aChangelogLineThatIsNotMarkedBreakingOrNamesAnotherOperationAnnouncesNothing() {
        String broken = removeE164(current);

        assertThat(ContractCheck.check(Optional.of(current), broken, broken,
                new BreakingChanges(List.of("- POST /phone: e164 removed"))).passed()).isFalse();
        assertThat(ContractCheck.check(Optional.of(current), broken, broken,
                new BreakingChanges(List.of("- **Breaking** POST /login: renamed"))).passed()).isFalse();
        assertThat(ContractCheck.check(Optional.of(current), broken, broken, new BreakingChanges(List.of(
                "A change that breaks callers says so: `- **Breaking** POST /phone: what changed`"))).passed()).isFalse();
    }

    @Test
    void aNewRequiredRequestFieldBreaks() {
        String broken = replace(current, "      required:\n      - code\n", "      required:\n      - code\n      - appId\n");

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), broken, broken, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).singleElement().asString().startsWith("this change BREAKS callers of POST /phone");
    }

    @Test
    void aRemovedOperationBreaks() {
        String broken = replace(current, "\n  /phone:\n", "\n  /phone-number:\n");

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), broken, broken, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).singleElement().asString().startsWith("this change BREAKS callers of POST /phone");
    }

    @Test
    void aNewOperationIsAnAdditionThatNeedsNoAnnouncement() {
        String withLogin = replace(current, "\npaths:\n", """

                paths:
                  /login:
                    post:
                      operationId: login
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required:
                              - loginCode
                              properties:
                                loginCode:
                                  type: string
                      responses:
                        "200":
                          description: The user's openid
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  openid:
                                    type: string
                """);

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), withLogin, withLogin, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.notes()).singleElement().asString().startsWith("the API changed compatibly").contains("/login");
    }

    @Test
    void aNewOptionalResponseFieldIsCompatible() {
        String more = replace(current, "        e164:\n", "        nationalNumber:\n          type: string\n        e164:\n");

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), more, more, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.notes()).singleElement().asString().startsWith("the API changed compatibly");
    }

    @Test
    void aNewProblemCodeIsAnAddition() {
        String more = replace(current, "          - UPSTREAM_TIMEOUT\n", "          - UPSTREAM_TIMEOUT\n          - LOGIN_CODE_INVALID\n");

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), more, more, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.notes()).singleElement().asString().startsWith("the API changed compatibly");
    }

    @Test
    void aFieldOfAnotherTypeBreaks() {
        String broken = replace(current, """
                        timestamp:
                          type: integer
                """, """
                        timestamp:
                          type: string
                """);

        ContractCheck.Verdict verdict = ContractCheck.check(Optional.of(current), broken, broken, NOTHING_ANNOUNCED);

        assertThat(verdict.failures()).singleElement().asString().startsWith("this change BREAKS callers of POST /phone");
    }

    @Test
    void withoutADocumentBeforeThisChangeOnlyTheDriftIsChecked() {
        ContractCheck.Verdict verdict = ContractCheck.check(Optional.empty(), current, current, NOTHING_ANNOUNCED);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.notes()).containsExactly("no committed document before this change: nothing to compare for breaks");
    }

    private static String removeE164(String document) {
        return replace(document, """
                        e164:
                          type: string
                          description: "E.164 form, derived with libphonenumber"
                """, "");
    }

    /** Replaces text that must be there: a mutation that silently does nothing would make a test pass for nothing. */
    private static String replace(String document, String what, String with) {
        assertThat(document).as("the document has the text this test changes").contains(what);
        return document.replace(what, with);
    }

    private static String read() {
        try (InputStream document = ContractCheckTest.class.getResourceAsStream("/openapi.yaml")) {
            return new String(document.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
