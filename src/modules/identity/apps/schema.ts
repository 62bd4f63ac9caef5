// Apps: client credentials for integrations, their secrets and the token signing keys.
export {};
