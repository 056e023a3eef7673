//! The one place that answers "which employers and contracts may this user
//! reach": those of the user's organisation, own and linked. Everything else
//! answers 404, exactly as an id that does not exist.

use super::session::Principal;
use super::App;
use crate::domain::contract::Product;
use crate::http::{ApiError, Msg, Request};
use crate::store::contracts::{self, ContractRow};
use crate::store::employers::{self, EmployerRow};
use crate::store::{Db, Kv};

fn wrong_product() -> ApiError {
    ApiError::Conflict {
        code: "wrong_product",
        field: None,
        msg: Msg::new(
            "Dit contract hoort bij een ander product.",
            "This contract belongs to another product.",
        ),
    }
}

impl<D: Db, K: Kv> App<D, K> {
    /// An employer the organisation reaches, or 404.
    pub async fn employer_in_reach(
        &self,
        p: &Principal,
        employer_id: &str,
    ) -> Result<EmployerRow, ApiError> {
        employers::one_in_reach(&self.db, &p.organisation_id, employer_id)
            .await?
            .ok_or(ApiError::NotFound)
    }

    /// Version 1's employer-scoped routes act on the user's own employer, or on
    /// the one `?employer=` names if the organisation reaches it (else 404).
    pub async fn choose_employer(&self, p: &mut Principal, req: &Request) -> Result<(), ApiError> {
        if let Some(id) = req.query_param("employer") {
            if id != p.own_employer_id {
                p.employer_id = self.employer_in_reach(p, &id).await?.id;
            }
        }
        Ok(())
    }

    /// A contract the organisation reaches, or 404; of another product than
    /// `product` (when given), 409 `wrong_product`.
    pub async fn contract_in_reach(
        &self,
        p: &Principal,
        id: &str,
        product: Option<Product>,
    ) -> Result<ContractRow, ApiError> {
        let contract = contracts::one_in_reach(&self.db, &p.organisation_id, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        match product {
            Some(want) if contract.product != want.code() => Err(wrong_product()),
            _ => Ok(contract),
        }
    }

    /// The verzuim contract a settlement route acts on for `employer_id`: the
    /// only one, or the one `?contract=` names. Several without a choice: 409
    /// `contract_required`; none, or a contract of another employer: 404.
    pub async fn verzuim_contract(
        &self,
        employer_id: &str,
        req: &Request,
    ) -> Result<ContractRow, ApiError> {
        let mut all =
            contracts::of_employer(&self.db, employer_id, Product::Verzuim.code()).await?;
        match req.query_param("contract") {
            Some(id) => match all.iter().position(|c| c.id == id) {
                Some(i) => Ok(all.swap_remove(i)),
                None if contracts::of_employer_any(&self.db, employer_id, &id).await? => {
                    Err(wrong_product())
                }
                None => Err(ApiError::NotFound),
            },
            None if all.len() == 1 => Ok(all.swap_remove(0)),
            None if all.is_empty() => Err(ApiError::NotFound),
            None => Err(ApiError::Conflict {
                code: "contract_required",
                field: Some("contract".into()),
                msg: Msg::new(
                    "Deze werkgever heeft meer dan één verzuimcontract. Kies het contract.",
                    "This employer has more than one absence contract. Choose the contract.",
                ),
            }),
        }
    }
}
