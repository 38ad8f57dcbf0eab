# A first production image: the app under gunicorn, as a non-root user.
# (Issue "Production and scale-out" will slim it further.)
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --system --create-home --uid 10001 peace

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir peaceplatform directory events reports \
    && touch peaceplatform/__init__.py directory/__init__.py events/__init__.py reports/__init__.py \
    && pip install . && pip uninstall -y peaceplatform

COPY . .
# Settings need these to import; nothing connects to a database at build time.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@localhost/build DJANGO_STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media && chown -R peace /app/var

USER peace
ENV DJANGO_STATIC_ROOT=/app/staticfiles DJANGO_MEDIA_ROOT=/app/var/media
EXPOSE 8000
CMD ["gunicorn", "peaceplatform.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
