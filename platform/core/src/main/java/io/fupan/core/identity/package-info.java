/**
 * Identity: Keycloak's admin REST API for the few things the platform does to users itself
 * (creating a tenant's first admin).
 */
package io.fupan.core.identity;
