-- The language (zh-CN or en) of the person who started an asynchronous import: the job runs on a
-- thread without a request and words its line report and failure in that language. Jobs from before
-- this column (null) speak English, as they did.
alter table import_job add column locale text check (locale in ('zh-CN', 'en'));
