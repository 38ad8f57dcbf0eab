# Built in stages: dependencies and static files are made in throwaway stages, the
# final image holds the virtual environment, the code and the hashed static files,
# and runs as a non-root user.

# Where no registry is reachable (CI), deploy/images/ builds an equivalent from Debian.
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE} AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH
WORKDIR /app

# Dependencies only, so code changes do not reinstall them.
FROM base AS dependencies
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
RUN mkdir peaceplatform directory events reports \
    && touch peaceplatform/__init__.py directory/__init__.py events/__init__.py reports/__init__.py \
    && pip install . && pip uninstall -y peaceplatform

# Hashed static files. Settings need these variables to import; nothing connects
# to a database at build time.
FROM dependencies AS static
COPY . .
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@localhost/build DJANGO_STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput --verbosity 0

FROM base AS runtime
RUN useradd --system --create-home --uid 10001 peace \
    && mkdir -p /app/var/media /app/var/backups && chown -R peace /app/var
COPY --from=dependencies /opt/venv /opt/venv
COPY --chown=root:root . .
COPY --from=static /app/staticfiles /app/staticfiles
USER peace
ENV DJANGO_STATIC_ROOT=/app/staticfiles DJANGO_MEDIA_ROOT=/app/var/media WEB_CONCURRENCY=3
EXPOSE 8000
# gunicorn reads WEB_CONCURRENCY for its number of workers. Each access line ends with
# the request's id (set by nginx, returned in X-Request-ID, and on the app's own log
# lines), so that a request can be followed to the container that served it.
CMD ["gunicorn", "peaceplatform.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--access-logformat", "%(h)s %(t)s \"%(r)s\" %(s)s %(b)s %(M)sms \"%(a)s\" id=%({x-request-id}i)s", "--max-requests", "2000", "--max-requests-jitter", "200"]
