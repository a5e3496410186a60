//! Where conflict finding reads the database from: the store itself (one indexed query per
//! question, for one application's live check) or a [`Snapshot`] read in one pass of the store
//! (the home screen's verdicts for every application). Both answer the same questions alike.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::identity::{normalize_text, Resource};
use super::similarity::{bigrams, core_name};
use crate::model::RowId;
use crate::store::identity::{ApplicationHeader, KeyRow, MatchOn, PlatformHeader};
use crate::store::{Result, Store};

/// For a stored application: its keys and hints some other owner may hold,
/// `(resource, "key" | "hint", value)`.
pub(crate) type Shared = HashSet<(String, String, String)>;

/// The questions conflict finding puts to the database (see the store's methods of these names).
pub(crate) trait Source {
    fn document_links(&self) -> Result<Vec<(String, String)>>;
    fn application_header(&self, id: RowId) -> Result<Option<ApplicationHeader>>;
    fn application_headers(&self) -> Result<Vec<ApplicationHeader>>;
    fn platform_header(&self, id: RowId) -> Result<Option<PlatformHeader>>;
    fn platform_headers(&self) -> Result<Vec<PlatformHeader>>;
    fn platforms_hosted_by(&self, uscc: &str) -> Result<Vec<PlatformHeader>>;
    /// The names of the platforms of one level.
    fn platform_names(&self, level: &str) -> Result<Vec<Cow<'_, NameForms>>>;
    /// The centre name of every application.
    fn application_names(&self) -> Result<Vec<Cow<'_, NameForms>>>;
    fn applications_with_host(&self, uscc: &str) -> Result<Vec<RowId>>;
    fn applications_of(&self, programme: &str, category: &str) -> Result<Vec<RowId>>;
    fn identity_keys_of_application(&self, application: RowId) -> Result<Vec<KeyRow>>;
    /// `None`: every key may be shared (look each one up).
    fn shared_identity_of_application(&self, application: RowId) -> Result<Option<Shared>>;
    /// Rows with this key or hint, borrowed from a snapshot, owned when read from the database.
    fn identity_matches(
        &self,
        on: MatchOn,
        resource: Resource,
        value: &str,
        except: Option<RowId>,
    ) -> Result<Vec<Cow<'_, KeyRow>>>;
}

impl Source for Store {
    fn document_links(&self) -> Result<Vec<(String, String)>> {
        Store::document_links(self)
    }
    fn application_header(&self, id: RowId) -> Result<Option<ApplicationHeader>> {
        Store::application_header(self, id)
    }
    fn application_headers(&self) -> Result<Vec<ApplicationHeader>> {
        Store::application_headers(self)
    }
    fn platform_header(&self, id: RowId) -> Result<Option<PlatformHeader>> {
        Store::platform_header(self, id)
    }
    fn platform_headers(&self) -> Result<Vec<PlatformHeader>> {
        Store::platform_headers(self)
    }
    fn platforms_hosted_by(&self, uscc: &str) -> Result<Vec<PlatformHeader>> {
        Store::platforms_hosted_by(self, uscc)
    }
    fn platform_names(&self, level: &str) -> Result<Vec<Cow<'_, NameForms>>> {
        Ok(Store::platform_names(self, level)?
            .iter()
            .map(|(id, n)| Cow::Owned(NameForms::of(*id, n)))
            .collect())
    }
    fn application_names(&self) -> Result<Vec<Cow<'_, NameForms>>> {
        Ok(Store::application_names(self)?.iter().map(|(id, n)| Cow::Owned(NameForms::of(*id, n))).collect())
    }
    fn applications_with_host(&self, uscc: &str) -> Result<Vec<RowId>> {
        Store::applications_with_host(self, uscc)
    }
    fn applications_of(&self, programme: &str, category: &str) -> Result<Vec<RowId>> {
        Store::applications_of(self, programme, category)
    }
    fn identity_keys_of_application(&self, application: RowId) -> Result<Vec<KeyRow>> {
        Store::identity_keys_of_application(self, application)
    }
    fn shared_identity_of_application(&self, application: RowId) -> Result<Option<Shared>> {
        Store::shared_identity_of_application(self, application).map(Some)
    }
    fn identity_matches(
        &self,
        on: MatchOn,
        resource: Resource,
        value: &str,
        except: Option<RowId>,
    ) -> Result<Vec<Cow<'_, KeyRow>>> {
        Ok(Store::identity_matches(self, on, resource, value, except)?.into_iter().map(Cow::Owned).collect())
    }
}

/// A name in the forms the name check compares: in identity form, and the bigrams of its core.
#[derive(Debug, Clone)]
pub(crate) struct NameForms {
    pub id: RowId,
    pub normal: String,
    pub bigrams: Vec<(char, char)>,
}

impl NameForms {
    pub fn of(id: RowId, name: &str) -> NameForms {
        NameForms { id, normal: normalize_text(name), bigrams: bigrams(&core_name(name)) }
    }
}

/// The tables conflict finding reads, loaded once (a handful of queries) and indexed in memory.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    links: Vec<(String, String)>,
    apps: BTreeMap<RowId, ApplicationHeader>,
    platforms: BTreeMap<RowId, PlatformHeader>,
    /// Every identity key, in stored order.
    keys: Vec<KeyRow>,
    by_app: HashMap<RowId, Vec<usize>>,
    by_key: HashMap<(Resource, String), Vec<usize>>,
    by_hint: HashMap<(Resource, String), Vec<usize>>,
    /// Host unit credit code (as stored) → applications.
    by_host: HashMap<String, Vec<RowId>>,
    /// Names of applications, and of platforms with their level.
    app_names: Vec<NameForms>,
    platform_names: Vec<(String, NameForms)>,
}

impl Snapshot {
    pub fn load(store: &Store) -> Result<Snapshot> {
        let keys = store.all_identity_keys()?;
        let mut s = Snapshot {
            links: store.document_links()?,
            apps: store.application_headers()?.into_iter().map(|h| (h.id, h)).collect(),
            platforms: store.platform_headers()?.into_iter().map(|h| (h.id, h)).collect(),
            ..Snapshot::default()
        };
        for (i, k) in keys.iter().enumerate() {
            if let Some(a) = k.application_id {
                s.by_app.entry(a).or_default().push(i);
            }
            s.by_key.entry((k.facts.resource, k.facts.key.clone())).or_default().push(i);
            if let Some(h) = &k.facts.hint {
                s.by_hint.entry((k.facts.resource, h.clone())).or_default().push(i);
            }
        }
        s.keys = keys;
        s.app_names = s.apps.values().map(|a| NameForms::of(a.id, &a.centre_name)).collect();
        s.platform_names =
            s.platforms.values().map(|p| (p.level.clone(), NameForms::of(p.id, &p.name))).collect();
        for (app, uscc) in store.host_unit_usccs()? {
            let v = s.by_host.entry(uscc).or_default();
            if !v.contains(&app) {
                v.push(app);
            }
        }
        Ok(s)
    }

    fn rows(&self, found: Option<&Vec<usize>>, except: Option<RowId>) -> Vec<Cow<'_, KeyRow>> {
        found
            .into_iter()
            .flatten()
            .filter_map(|&i| self.keys.get(i))
            .filter(|k| except.is_none() || k.application_id != except)
            .map(Cow::Borrowed)
            .collect()
    }
}

impl Source for Snapshot {
    fn document_links(&self) -> Result<Vec<(String, String)>> {
        Ok(self.links.clone())
    }
    fn application_header(&self, id: RowId) -> Result<Option<ApplicationHeader>> {
        Ok(self.apps.get(&id).cloned())
    }
    fn application_headers(&self) -> Result<Vec<ApplicationHeader>> {
        Ok(self.apps.values().cloned().collect())
    }
    fn platform_header(&self, id: RowId) -> Result<Option<PlatformHeader>> {
        Ok(self.platforms.get(&id).cloned())
    }
    fn platform_headers(&self) -> Result<Vec<PlatformHeader>> {
        Ok(self.platforms.values().cloned().collect())
    }
    fn platforms_hosted_by(&self, uscc: &str) -> Result<Vec<PlatformHeader>> {
        Ok(self.platforms.values().filter(|p| p.host_uscc == uscc).cloned().collect())
    }
    fn platform_names(&self, level: &str) -> Result<Vec<Cow<'_, NameForms>>> {
        Ok(self.platform_names.iter().filter(|(l, _)| l == level).map(|(_, n)| Cow::Borrowed(n)).collect())
    }
    fn application_names(&self) -> Result<Vec<Cow<'_, NameForms>>> {
        Ok(self.app_names.iter().map(Cow::Borrowed).collect())
    }
    fn applications_with_host(&self, uscc: &str) -> Result<Vec<RowId>> {
        Ok(self.by_host.get(uscc).cloned().unwrap_or_default())
    }
    fn applications_of(&self, programme: &str, category: &str) -> Result<Vec<RowId>> {
        Ok(self
            .apps
            .values()
            .filter(|a| a.programme == programme && a.category == category)
            .map(|a| a.id)
            .collect())
    }
    fn identity_keys_of_application(&self, application: RowId) -> Result<Vec<KeyRow>> {
        Ok(self.rows(self.by_app.get(&application), None).into_iter().map(Cow::into_owned).collect())
    }
    fn shared_identity_of_application(&self, _application: RowId) -> Result<Option<Shared>> {
        // Looking a key up in memory costs less than knowing it need not be.
        Ok(None)
    }
    fn identity_matches(
        &self,
        on: MatchOn,
        resource: Resource,
        value: &str,
        except: Option<RowId>,
    ) -> Result<Vec<Cow<'_, KeyRow>>> {
        let index = match on {
            MatchOn::Key => &self.by_key,
            MatchOn::Hint => &self.by_hint,
        };
        Ok(self.rows(index.get(&(resource, value.to_string())), except))
    }
}
