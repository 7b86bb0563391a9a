//! The subcommands of the binary: conversion (the default), `check`, `explain`, and the metadata
//! commands (`schema`, `completions`, `man`).

pub mod check;
pub mod convert;
pub mod explain;
pub mod meta;
