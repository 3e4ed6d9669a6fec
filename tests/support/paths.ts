export const TEST_DATA_DIR = ".data/test";
export const PGLITE_SNAPSHOT = `${TEST_DATA_DIR}/snapshot.tar.gz`;
