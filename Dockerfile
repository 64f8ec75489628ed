# The application image: Django + Wagtail served by gunicorn. See docker-compose.yml.

# The official commune list and other npm data, without Node in the final image.
FROM node:24-slim AS npm-data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.13-slim-trixie
# pg_dump / pg_restore for `manage.py backup` / `restore` (17: the version of docker-compose.yml's db).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=kb.settings.production \
    KB_VAR_DIR=/data \
    STATIC_ROOT=/app/static_collected
WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
COPY --from=npm-data /app/node_modules ./node_modules
# Static files are collected at build time (base settings: no secret needed).
RUN DJANGO_SETTINGS_MODULE=kb.settings.base python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --create-home --uid 1000 app \
    && mkdir -p /data/media \
    && chown -R app:app /data

USER app
VOLUME ["/data"]
EXPOSE 8000
CMD ["gunicorn", "kb.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
