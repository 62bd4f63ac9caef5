// MFA tables: second factors (TOTP, passkeys), recovery codes, sign-in challenges, MFA policies (ACC-4).
export {};
