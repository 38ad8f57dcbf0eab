from django.core.management.base import BaseCommand

from core import vocabulary


class Command(BaseCommand):
    help = "Count the words of the published catalogue again, for 'Did you mean …?'."

    def handle(self, *args, **options):
        vocabulary.refresh()
        self.stdout.write("Search vocabulary refreshed.")
