// Security groups of a partner and their members (ACC-3).
export {};
