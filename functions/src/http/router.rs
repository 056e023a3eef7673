//! The route table: one line per `/api` endpoint. It is data, so a test can hold it
//! against the OpenAPI document in both directions.

use super::{ApiError, Method};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Health,
    OpenApi,
    AdminCreateEmployer,
    DevOutbox,
}

/// Method, OpenAPI-style path template (`{name}` is one segment), route.
pub const ROUTES: &[(Method, &str, Route)] = &[
    (Method::Get, "/api/health", Route::Health),
    (Method::Get, "/api/openapi.json", Route::OpenApi),
    (
        Method::Post,
        "/api/admin/employers",
        Route::AdminCreateEmployer,
    ),
    (Method::Get, "/api/dev/outbox", Route::DevOutbox),
];

/// Path parameters in template order.
pub type Params = Vec<(&'static str, String)>;

fn match_template(template: &'static str, path: &str) -> Option<Params> {
    let mut params = Vec::new();
    let mut want = template.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(h)) => {
                if let Some(name) = w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                    if h.is_empty() {
                        return None;
                    }
                    params.push((name, h.to_owned()));
                } else if w != h {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// Finds the route for a request: 404 for an unknown path, 405 for a known path
/// with another method.
pub fn resolve(method: Method, path: &str) -> Result<(Route, Params), ApiError> {
    let mut path_known = false;
    for (m, template, route) in ROUTES {
        if let Some(params) = match_template(template, path) {
            if *m == method {
                return Ok((*route, params));
            }
            path_known = true;
        }
    }
    Err(if path_known {
        ApiError::MethodNotAllowed
    } else {
        ApiError::NotFound
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_routes_and_params() {
        assert_eq!(
            resolve(Method::Get, "/api/health").unwrap().0,
            Route::Health
        );
        assert_eq!(
            resolve(Method::Post, "/api/health").unwrap_err().status(),
            405
        );
        assert_eq!(resolve(Method::Get, "/api/nope").unwrap_err().status(), 404);
        assert_eq!(
            resolve(Method::Get, "/api/health/").unwrap_err().status(),
            404
        );
        assert_eq!(
            match_template("/api/x/{id}/y", "/api/x/abc/y"),
            Some(vec![("id", "abc".to_owned())])
        );
        assert_eq!(match_template("/api/x/{id}/y", "/api/x//y"), None);
    }
}
