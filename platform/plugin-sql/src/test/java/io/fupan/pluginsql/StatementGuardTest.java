package io.fupan.pluginsql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "select count(*) from fact",
            "SELECT label, sum(amount) FILTER (WHERE amount > 0) FROM fact GROUP BY label;",
            "with x as (select * from fact) select * from x",
            "insert into fact (id, label) values (?, ?) on conflict (tenant_id, id) do update set label = excluded.label",
            "update fact set label = 'a;b' where id = ?",
            "delete from fact where label = E'it\\'s; set_config' -- ; drop table fact",
            "select $$; pg_sleep(1)$$, $tag$ set_config $tag$ from fact /* ; /* nested */ set role x */",
            "values (1), (2)",
            "select percentile_cont(0.5) within group (order by amount) from fact",
            "select \"label\" from fact"})
    void dataStatements_pass(String sql) {
        assertThatCode(() -> StatementGuard.check(sql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "set role fupan_app",
            "reset role",
            "select 1; set role postgres",
            "select 1; select 2",
            "select set_config('fupan.tenant', 'other', true)",
            "select \"set_config\"('fupan.tenant', 'other', true)",
            "select current_setting('fupan.tenant')",
            "select pg_sleep(10)",
            "select pg_read_file('/etc/passwd')",
            "select query_to_xml('select 1', true, true, '')",
            "select table_to_xml('fact', true, true, '')",
            "select * into copy_of_fact from fact",
            "with x as (select 1) select * into temp t from x",
            "select lo_import('/etc/passwd')",
            "select * from dblink('host=x', 'select 1') as t(a int)",
            "create table t (id int)",
            "drop table fact",
            "copy fact to stdout",
            "do $$ begin perform 1; end $$",
            "",
            "-- only a comment",
            "select 'unterminated",
            "select /* unterminated"})
    void everythingElse_isRefused(String sql) {
        assertThatThrownBy(() -> StatementGuard.check(sql)).isInstanceOf(IllegalArgumentException.class);
    }
}
