# Sourced by scripts/backup and scripts/restore: $url = DATABASE_URL (environment, else .env) without
# its ?options (libpq does not know Django's conn_max_age), PostgreSQL only.
url="${DATABASE_URL:-$(sed -n 's/^DATABASE_URL=//p' .env 2>/dev/null | tail -1)}"
[ -n "$url" ] || { echo "DATABASE_URL is not set (environment or .env)" >&2; exit 2; }
url="${url%%\?*}"
case "$url" in
    postgres://*|postgresql://*) ;;
    *) echo "backup and restore are for PostgreSQL; DATABASE_URL is ${url%%:*}" >&2; exit 2 ;;
esac
media_root="${MEDIA_ROOT:-$(sed -n 's/^MEDIA_ROOT=//p' .env 2>/dev/null | tail -1)}"
media_root="${media_root:-var/media}"
