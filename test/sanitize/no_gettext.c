/*
 * no_gettext.c
 *	  Preloaded after the AddressSanitizer runtime into the test server
 *	  (make sanitizecheck) to turn message-catalog binding into no-ops.
 *
 * With the runtime preloaded into PostgreSQL 15 on Debian 12 (glibc 2.36),
 * the server hangs at start-up on glibc's gettext lock inside
 * bindtextdomain(), before any of pg_journey runs.  The test cluster logs
 * untranslated messages anyway, so binding catalogs is not needed.
 */
char	   *bindtextdomain(const char *domainname, const char *dirname);
char	   *bind_textdomain_codeset(const char *domainname, const char *codeset);
char	   *textdomain(const char *domainname);

char *
bindtextdomain(const char *domainname, const char *dirname)
{
	(void) dirname;
	return (char *) domainname;
}

char *
bind_textdomain_codeset(const char *domainname, const char *codeset)
{
	(void) domainname;
	return (char *) codeset;
}

char *
textdomain(const char *domainname)
{
	return (char *) domainname;
}
