package org.zenmoon.launcher;

/** Where the PostgreSQL database is, and how to log in to it. */
record Db(String url, String user, String password) {

    /** The URL without its query, which may carry credentials: fit for printing. */
    String displayUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
