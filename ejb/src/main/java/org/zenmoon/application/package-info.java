/**
 * Application services: what the REST API, the portal and the batch jobs ask of ZenMoon. Each service is
 * a thin, transactional layer over the domain; tenant scoping and error types are defined here once.
 */
package org.zenmoon.application;
