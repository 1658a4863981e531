"""The library's Atom feed: the newest published resources of one language's library."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.core.links import absolute_url

from .models import LibraryIndexPage, ResourceKind, ResourcePage
from .selectors import feed_resources


class LibraryFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page: LibraryIndexPage):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return _("%(library)s · Flyway Academy") % {"library": self.index_page.title}

    def subtitle(self):
        return _("Reports, protocols, data sheets and data sets shared by the flyway network.")

    def link(self):
        return absolute_url(self.index_page.url)

    def feed_url(self):
        return absolute_url(self.index_page.url + "feed/")

    def items(self):
        return feed_resources(index_page=self.index_page)

    def item_title(self, item: ResourcePage):
        return item.title

    def item_description(self, item: ResourcePage):
        return item.summary

    def item_link(self, item: ResourcePage):
        return absolute_url(self.index_page.url + item.slug + "/")

    def item_guid(self, item: ResourcePage):
        return absolute_url(self.index_page.url + item.slug + "/")

    def item_pubdate(self, item: ResourcePage):
        return item.first_published_at

    def item_updateddate(self, item: ResourcePage):
        return item.last_published_at

    def item_author_name(self, item: ResourcePage):
        return ", ".join(item.author_list or item.organisation_list) or None

    def item_categories(self, item: ResourcePage):
        return [str(ResourceKind(item.kind).label)]
