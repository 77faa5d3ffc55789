package io.phonegateway.config;

/** How much of a phone number one caller may see ({@code phone-gateway.auth.scopes.<client>.phone-output}). */
public enum PhoneOutput {
    /** The whole answer: {@code phoneNumber}, {@code purePhoneNumber}, {@code e164}. */
    FULL,
    /** {@code phoneNumber} and {@code purePhoneNumber} as {@code 138****8000}, no {@code e164}. */
    MASKED,
    /** No number at all: {@code phoneHash}, an HMAC-SHA256 of the E.164 number under the configured pepper. */
    HASHED
}
