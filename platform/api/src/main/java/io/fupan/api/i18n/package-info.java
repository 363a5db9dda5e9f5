/**
 * Messages in the languages of Fupan's users (zh-CN and en at least).
 *
 * @since 0.1.0
 */
package io.fupan.api.i18n;
