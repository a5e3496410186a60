//! A command argument that answers a missing or malformed value with the usual
//! `{code, message}` error instead of Tauri's plain string.

use serde::de::DeserializeOwned;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::Runtime;

use crate::CommandError;

/// One argument of a command, read from the call's JSON body.
pub struct Arg<T>(pub T);

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Arg<T> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let (command, key) = (item.name, item.key);
        T::deserialize(item).map(Arg).map_err(|_| {
            InvokeError::from(CommandError::from(shenbao::service::ServiceError::BadArgument(
                format!("内部错误：命令 {command} 的参数 {key} 缺失或格式不对，本次操作未执行；请重新启动申报通后再试"),
            )))
        })
    }
}
