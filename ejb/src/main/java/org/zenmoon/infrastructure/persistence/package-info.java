/** JPA and JDBC adapters over PostgreSQL, the system of record. */
package org.zenmoon.infrastructure.persistence;
