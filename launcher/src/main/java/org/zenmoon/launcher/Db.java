package org.zenmoon.launcher;

/** Where the PostgreSQL database is, and how to log in to it. */
record Db(String url, String user, String password) {
}
