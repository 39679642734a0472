/** The offline analysis tool: the same engines as the batch jobs, on CSV files (../shared/API.md). */
package org.zenmoon.batch.cli;
