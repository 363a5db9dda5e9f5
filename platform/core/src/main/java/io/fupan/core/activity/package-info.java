/**
 * Activities: calls, meetings, demos, visits and the e-mail and web behaviour of a lead, contact or
 * opportunity (exactly one of them). Lead scoring and the review read them.
 */
package io.fupan.core.activity;
